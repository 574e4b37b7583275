import type { ListSqlSource, VolumeListField } from '#ember/cinder';

/** The `volumes` read model as list queries see it (trusted SQL: the whitelist of sortable/filterable columns). */
export const VOLUME_LIST_SOURCE: ListSqlSource<VolumeListField> = {
  table: 'volumes',
  select: `r.id, r.project_id, r.user_id, r.name, r.description, r.status, r.attach_status, r.size, r.metadata,
    r.availability_zone, r.volume_type, r.snapshot_id, r.source_volid, r.attachments, r.created_at, r.updated_at,
    r.version`,
  metadata: 'r.metadata',
  columns: {
    id: { sql: 'r.id', type: 'uuid', nullable: false },
    projectId: { sql: 'r.project_id', type: 'text', nullable: false },
    userId: { sql: 'r.user_id', type: 'text', nullable: false },
    name: { sql: 'r.name', type: 'text', nullable: true },
    description: { sql: 'r.description', type: 'text', nullable: true },
    status: { sql: 'r.status', type: 'text', nullable: false },
    attachStatus: { sql: 'r.attach_status', type: 'text', nullable: false },
    size: { sql: 'r.size', type: 'int', nullable: false },
    availabilityZone: { sql: 'r.availability_zone', type: 'text', nullable: false },
    snapshotId: { sql: 'r.snapshot_id', type: 'uuid', nullable: true },
    sourceVolid: { sql: 'r.source_volid', type: 'uuid', nullable: true },
    createdAt: { sql: 'r.created_at', type: 'time', nullable: false },
    updatedAt: { sql: 'r.updated_at', type: 'time', nullable: true },
  },
};
