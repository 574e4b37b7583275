import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of the `volumes` read model (written by {@link VolumeProjection}, read by queries). */
@Entity({ name: 'volumes' })
export class VolumeEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'project_id' }) projectId: string;
  @Column('text', { name: 'user_id' }) userId: string;
  @Column('text', { nullable: true }) name: string | null;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text') status: string;
  @Column('text', { name: 'attach_status' }) attachStatus: string;
  @Column('integer') size: number;
  @Column('jsonb') metadata: Record<string, string>;
  @Column('text', { name: 'availability_zone' }) availabilityZone: string;
  @Column('text', { name: 'volume_type' }) volumeType: string;
  @Column('uuid', { name: 'snapshot_id', nullable: true }) snapshotId: string | null;
  @Column('uuid', { name: 'source_volid', nullable: true }) sourceVolid: string | null;
  @Column('jsonb') attachments: Record<string, unknown>[];
  @Column('text', { name: 'created_at' }) createdAt: string;
  @Column('text', { name: 'updated_at', nullable: true }) updatedAt: string | null;
  @Column('integer') version: number;
}
