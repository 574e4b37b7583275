import type { VolumeView } from '#ember/cinder';
import { DEFAULT_VOLUME_TYPE_ID, type VolumeEntity } from '#ember/volumes';

/** A read-model volume with what every Ember volume is (one type, not bootable, not multiattach). */
export function volumeView(row: VolumeEntity, backendHost: string): VolumeView {
  return {
    ...row,
    host: backendHost,
    attachments: row.attachments.map((a) => cinderAttachment(row.id, a)),
    volumeTypeId: DEFAULT_VOLUME_TYPE_ID,
    bootable: false,
    multiattach: false,
    consumesQuota: true,
    migrationStatus: null,
  };
}

/** A read-model attachment in the shape of Cinder's volume `attachments` items. */
function cinderAttachment(volumeId: string, a: Record<string, unknown>) {
  return {
    id: a.attachmentId,
    attachment_id: a.attachmentId,
    volume_id: volumeId,
    server_id: a.instanceUuid ?? null,
    host_name: a.hostName ?? null,
    device: a.mountpoint,
    attached_at: a.attachedAt ?? null,
  };
}
