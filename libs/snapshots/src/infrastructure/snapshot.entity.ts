import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of the `snapshots` read model (written by {@link SnapshotProjection}, read by queries). */
@Entity({ name: 'snapshots' })
export class SnapshotEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'project_id' }) projectId: string;
  @Column('text', { name: 'user_id' }) userId: string;
  @Column('uuid', { name: 'volume_id' }) volumeId: string;
  @Column('text', { nullable: true }) name: string | null;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text') status: string;
  @Column('text') progress: string;
  @Column('integer') size: number;
  @Column('jsonb') metadata: Record<string, string>;
  @Column('boolean', { name: 'consumes_quota' }) consumesQuota: boolean;
  @Column('uuid', { name: 'group_snapshot_id', nullable: true }) groupSnapshotId: string | null;
  @Column('bigint', { nullable: true }) bytes: number | null;
  @Column('bigint', { name: 'allocated_bytes', nullable: true }) allocatedBytes: number | null;
  @Column('text', { nullable: true }) checksum: string | null;
  @Column('text', { name: 'created_at' }) createdAt: string;
  @Column('text', { name: 'updated_at', nullable: true }) updatedAt: string | null;
  @Column('integer') version: number;
}
