import type { ListSqlSource, SnapshotListField } from '#ember/cinder';

/** The `snapshots` read model as list queries see it (trusted SQL: the whitelist of sortable/filterable columns). */
export const SNAPSHOT_LIST_SOURCE: ListSqlSource<SnapshotListField> = {
  table: 'snapshots',
  joins: { availabilityZone: 'JOIN volumes v ON v.id = r.volume_id' },
  select: `r.id, r.project_id, r.user_id, r.volume_id, r.name, r.description, r.status, r.progress, r.size,
    r.metadata, r.consumes_quota, r.group_snapshot_id, r.bytes, r.allocated_bytes, r.checksum, r.created_at,
    r.updated_at, r.version`,
  metadata: 'r.metadata',
  columns: {
    id: { sql: 'r.id', type: 'uuid', nullable: false },
    projectId: { sql: 'r.project_id', type: 'text', nullable: false },
    userId: { sql: 'r.user_id', type: 'text', nullable: false },
    volumeId: { sql: 'r.volume_id', type: 'uuid', nullable: false },
    name: { sql: 'r.name', type: 'text', nullable: true },
    description: { sql: 'r.description', type: 'text', nullable: true },
    status: { sql: 'r.status', type: 'text', nullable: false },
    progress: { sql: 'r.progress', type: 'text', nullable: false },
    size: { sql: 'r.size', type: 'int', nullable: false },
    consumesQuota: { sql: 'r.consumes_quota', type: 'bool', nullable: false },
    groupSnapshotId: { sql: 'r.group_snapshot_id', type: 'uuid', nullable: true },
    createdAt: { sql: 'r.created_at', type: 'time', nullable: false },
    updatedAt: { sql: 'r.updated_at', type: 'time', nullable: true },
    availabilityZone: { sql: 'v.availability_zone', type: 'text', nullable: false },
  },
};
