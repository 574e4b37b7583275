import type { Column } from './columns.js';
import type { VolumeListField } from './list-request.js';

type C = Column<VolumeListField>;
const field = (f: VolumeListField, type: 'text' | 'uuid' | 'int' | 'bool' | 'time', nullable = false): C => ({
  kind: 'field',
  field: f,
  type,
  nullable,
});
const NULL: C = { kind: 'constant', value: null };
const FALSE: C = { kind: 'constant', value: false };
const TRUE: C = { kind: 'constant', value: true };
const RELATIONSHIP: C = { kind: 'relationship', sortField: null };

/**
 * The attributes of Cinder's `Volume` model and what each is in Ember's `volumes` read model. Ember has
 * no hosts, clusters, migrations, groups, replication, encryption or providers (NULL on every row);
 * its volumes are never bootable or multiattach, always count against quota and have shared targets.
 */
export const VOLUME_COLUMNS: ReadonlyMap<string, C> = new Map<string, C>([
  ['id', field('id', 'uuid')],
  ['created_at', field('createdAt', 'time')],
  ['updated_at', field('updatedAt', 'time', true)],
  ['deleted_at', NULL],
  ['deleted', FALSE],
  ['_name_id', NULL],
  ['use_quota', TRUE],
  ['ec2_id', NULL],
  ['user_id', field('userId', 'text')],
  ['project_id', field('projectId', 'text')],
  ['snapshot_id', field('snapshotId', 'uuid', true)],
  ['cluster_name', NULL],
  ['host', NULL],
  ['size', field('size', 'int')],
  ['availability_zone', field('availabilityZone', 'text')],
  ['status', field('status', 'text')],
  ['attach_status', field('attachStatus', 'text')],
  ['migration_status', NULL],
  ['scheduled_at', NULL],
  ['launched_at', NULL],
  ['terminated_at', NULL],
  ['display_name', field('name', 'text', true)],
  ['display_description', field('description', 'text', true)],
  ['provider_location', NULL],
  ['provider_auth', NULL],
  ['provider_geometry', NULL],
  ['provider_id', NULL],
  ['volume_type_id', NULL],
  ['source_volid', field('sourceVolid', 'uuid', true)],
  ['encryption_key_id', NULL],
  ['consistencygroup_id', NULL],
  ['group_id', NULL],
  ['bootable', FALSE],
  ['multiattach', FALSE],
  ['replication_status', NULL],
  ['replication_extended_status', NULL],
  ['replication_driver_data', NULL],
  ['previous_status', NULL],
  ['service_uuid', NULL],
  ['shared_targets', TRUE],
  ['consistencygroup', RELATIONSHIP],
  ['group', RELATIONSHIP],
  ['service', RELATIONSHIP],
  ['volume_type', RELATIONSHIP],
  ['volume_metadata', RELATIONSHIP],
  ['volume_admin_metadata', RELATIONSHIP],
  ['volume_glance_metadata', RELATIONSHIP],
  ['volume_attachment', RELATIONSHIP],
  ['snapshots', RELATIONSHIP],
  ['transfer', RELATIONSHIP],
  ['name', { kind: 'property' }],
  ['name_id', { kind: 'property' }],
]);

/** Cinder's boolean `Volume` columns (`get_booleans_for_table('volume')`): filter values are checked as booleans. */
export const VOLUME_BOOLEAN_COLUMNS = ['use_quota', 'deleted', 'bootable', 'multiattach', 'shared_targets'] as const;
