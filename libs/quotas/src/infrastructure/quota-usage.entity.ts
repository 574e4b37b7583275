import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of the `quota_usages` read model: what a project holds of one resource (written by {@link QuotaUsageProjection}). */
@Entity({ name: 'quota_usages' })
export class QuotaUsageEntity {
  @PrimaryColumn('text', { name: 'project_id' }) projectId: string;
  @PrimaryColumn('text') resource: string;
  @Column('bigint', { name: 'in_use' }) inUse: number;
}
