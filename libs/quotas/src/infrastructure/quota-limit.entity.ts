import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of the `quota_limits` read model: a limit an admin set (written by {@link QuotaLimitsProjection}). */
@Entity({ name: 'quota_limits' })
export class QuotaLimitEntity {
  @PrimaryColumn('text', { name: 'project_id' }) projectId: string;
  @PrimaryColumn('text') resource: string;
  @Column('integer', { name: 'hard_limit' }) hardLimit: number;
  @Column('text', { name: 'updated_at' }) updatedAt: string;
}
