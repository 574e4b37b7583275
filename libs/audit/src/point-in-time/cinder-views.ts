import { MAX_API_VERSION, snapshotDetail, volumeDetail, type SnapshotDetailJson } from '#ember/cinder';
import { DEFAULT_VOLUME_TYPE_ID } from '#ember/volumes';

type Row = Record<string, any>;

/** How a volume is rendered: links need a base URL, admins see the backend host. */
export interface VolumeViewContext {
  baseUrl: string;
  backendHost: string;
}

/** A `snapshots` row as `GET /snapshots/{id}` shows it to an admin at the latest microversion. */
export function snapshotViewOf(r: Row): SnapshotDetailJson {
  return snapshotDetail(
    {
      id: r.id, projectId: r.project_id, userId: r.user_id, volumeId: r.volume_id, name: r.name, description: r.description,
      status: r.status, progress: r.progress, size: r.size, metadata: r.metadata, createdAt: r.created_at,
      updatedAt: r.updated_at, groupSnapshotId: r.group_snapshot_id, consumesQuota: r.consumes_quota,
    },
    MAX_API_VERSION,
    { extendedAttributes: true },
  );
}

/** A `volumes` row as `GET /volumes/{id}` shows it to an admin at the latest microversion. */
export function volumeViewOf(r: Row, ctx: VolumeViewContext): Record<string, unknown> {
  const attachments = (r.attachments as Row[]).map((a) => ({
    id: a.attachmentId, attachment_id: a.attachmentId, volume_id: r.id, server_id: a.instanceUuid ?? null,
    host_name: a.hostName ?? null, device: a.mountpoint, attached_at: a.attachedAt ?? null,
  }));
  return volumeDetail(
    {
      id: r.id, projectId: r.project_id, userId: r.user_id, name: r.name, description: r.description, status: r.status,
      size: r.size, metadata: r.metadata, createdAt: r.created_at, updatedAt: r.updated_at, snapshotId: r.snapshot_id,
      sourceVolid: r.source_volid, availabilityZone: r.availability_zone, volumeType: r.volume_type,
      volumeTypeId: DEFAULT_VOLUME_TYPE_ID, bootable: false, attachments, multiattach: false, consumesQuota: true,
      migrationStatus: null, host: ctx.backendHost,
    },
    MAX_API_VERSION,
    { baseUrl: ctx.baseUrl, projectInUrl: r.project_id, admin: true },
  );
}
