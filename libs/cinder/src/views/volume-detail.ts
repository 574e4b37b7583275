import type { ApiVersion } from '../microversions/api-version.js';
import { Microversions as MV } from '../microversions/microversions.js';
import type { VolumeView, VolumeViewOptions } from './volume-view.js';
import { volumeLinks } from './volume-links.js';

// Internal statuses Cinder never shows as such (`views/volumes.py` `_get_volume_status`).
const SHOWN_STATUS: Readonly<Record<string, string>> = {
  managing: 'creating',
  error_managing: 'error',
  error_managing_deleting: 'deleting',
};

/**
 * A volume's detail representation (`cinder/api/v3/views/volumes.py` plus the `os-vol-*` extensions),
 * in Cinder's key order. Ember has no encryption, replication, groups, clusters or provider ids,
 * so those fields carry their "none" values.
 */
export function volumeDetail(vol: VolumeView, v: ApiVersion, opts: VolumeViewOptions): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: vol.id,
    status: SHOWN_STATUS[vol.status] ?? vol.status,
    size: vol.size,
    availability_zone: vol.availabilityZone,
    created_at: vol.createdAt,
    updated_at: vol.updatedAt,
    name: vol.name,
    description: vol.description,
    volume_type: vol.volumeType,
    snapshot_id: vol.snapshotId,
    source_volid: vol.sourceVolid,
    metadata: { ...vol.metadata },
    links: volumeLinks(vol.id, opts),
    user_id: vol.userId,
    bootable: String(vol.bootable), // Cinder renders str(bool).lower(): "true"/"false"
    encrypted: false,
    replication_status: null,
    consistencygroup_id: null,
    multiattach: vol.multiattach,
    attachments: vol.attachments,
  };
  if (opts.admin) json.migration_status = vol.migrationStatus;
  if (v.atLeast(MV.GROUP_VOLUME)) json.group_id = null;
  if (opts.admin && v.atLeast(MV.VOLUME_DETAIL_PROVIDER_ID)) json.provider_id = null;
  if (v.atLeast(MV.VOLUME_SHARED_TARGETS_AND_SERVICE_FIELDS)) {
    Object.assign(json, { shared_targets: true, service_uuid: null });
  }
  if (opts.admin && v.atLeast(MV.VOLUME_CLUSTER_NAME)) json.cluster_name = null;
  if (v.atLeast(MV.VOLUME_TYPE_ID_IN_VOLUME_DETAIL)) json.volume_type_id = vol.volumeTypeId;
  if (v.atLeast(MV.USE_QUOTA)) json.consumes_quota = vol.consumesQuota;
  if (opts.extendedAttributes ?? true) Object.assign(json, extensionAttributes(vol, opts.admin));
  return json;
}

function extensionAttributes(vol: VolumeView, admin: boolean): Record<string, unknown> {
  const tenant = { 'os-vol-tenant-attr:tenant_id': vol.projectId };
  if (!admin) return tenant;
  return {
    ...tenant,
    'os-vol-mig-status-attr:migstat': vol.migrationStatus,
    'os-vol-mig-status-attr:name_id': null,
    'os-vol-host-attr:host': vol.host ?? null,
  };
}
