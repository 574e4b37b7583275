import type { Column } from './columns.js';
import type { SnapshotListField } from './list-request.js';

type C = Column<SnapshotListField>;
const field = (f: SnapshotListField, type: 'text' | 'uuid' | 'int' | 'bool' | 'time', nullable = false): C => ({
  kind: 'field',
  field: f,
  type,
  nullable,
});
const NULL: C = { kind: 'constant', value: null };

/**
 * The attributes of Cinder's `Snapshot` model (`cinder/db/sqlalchemy/models.py`) — the names admins may
 * filter and anyone may sort on — and what each is in Ember's `snapshots` read model. Columns Ember does
 * not keep are NULL on every row (`deleted` is false: deleted snapshots leave the read model).
 */
export const SNAPSHOT_COLUMNS: ReadonlyMap<string, C> = new Map<string, C>([
  ['id', field('id', 'uuid')],
  ['created_at', field('createdAt', 'time')],
  ['updated_at', field('updatedAt', 'time', true)],
  ['deleted_at', NULL],
  ['deleted', { kind: 'constant', value: false }],
  ['use_quota', field('consumesQuota', 'bool')],
  ['user_id', field('userId', 'text')],
  ['project_id', field('projectId', 'text')],
  ['volume_id', field('volumeId', 'uuid')],
  ['cgsnapshot_id', NULL],
  ['group_snapshot_id', field('groupSnapshotId', 'uuid', true)],
  ['status', field('status', 'text')],
  ['progress', field('progress', 'text')],
  ['volume_size', field('size', 'int')],
  ['scheduled_at', NULL],
  ['display_name', field('name', 'text', true)],
  ['display_description', field('description', 'text', true)],
  ['encryption_key_id', NULL],
  ['volume_type_id', NULL],
  ['provider_location', NULL],
  ['provider_id', NULL],
  ['provider_auth', NULL],
  // Sorting by the many-to-one `volume` orders by its foreign key.
  ['volume', { kind: 'relationship', sortField: 'volumeId' }],
  ['cgsnapshot', { kind: 'relationship', sortField: null }],
  ['group_snapshot', { kind: 'relationship', sortField: 'groupSnapshotId' }],
  ['snapshot_metadata', { kind: 'relationship', sortField: null }],
  ['name', { kind: 'property' }],
  ['volume_name', { kind: 'property' }],
]);

/** Filters that refer to the snapshot's volume (`_process_snaps_filters`): applied only when non-empty. */
export const SNAPSHOT_VOLUME_FILTERS = ['host', 'cluster_name', 'availability_zone'] as const;
