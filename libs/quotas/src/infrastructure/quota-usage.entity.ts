import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Row of the `quota_usages` read model: one shard of what a project holds of one resource (written by
 * {@link QuotaUsageProjection}); a project's usage is the sum of its shards.
 */
@Entity({ name: 'quota_usages' })
export class QuotaUsageEntity {
  @PrimaryColumn('text', { name: 'project_id' }) projectId: string;
  @PrimaryColumn('text') resource: string;
  @PrimaryColumn('smallint') shard: number;
  @Column('bigint', { name: 'in_use' }) inUse: number;
}
