import { SnapshotEvents } from '#ember/snapshots';
import { VolumeEvents } from '#ember/volumes';
import { bytes, failure, metadataChange, quoted, shortDigest } from './describe-values.js';

type Data = Record<string, any>;
/** What a summary may need from the events before it: the metadata it changed. */
export interface SummaryContext {
  metadata: Record<string, string>;
}
type Summarize = (d: Data, before: SummaryContext) => string;

const renamed: Summarize = (d) => {
  const parts: string[] = [];
  if ('name' in d) parts.push(d.name === null ? 'name cleared' : `renamed to ${quoted(d.name)}`);
  if ('description' in d) parts.push(d.description === null ? 'description cleared' : `description set to ${quoted(d.description)}`);
  return parts.length > 0 ? parts.join(', ') : 'updated (nothing changed)';
};
const metadata: Summarize = (d, before) => metadataChange(before.metadata, d.metadata ?? {});
const named = (d: Data) => (d.name ? ` named ${quoted(d.name)}` : '');
const flags = (d: Data, keys: string[]) => {
  const set = keys.filter((k) => d[k] === true);
  return set.length > 0 ? ` (${set.join(', ')})` : '';
};

const SUMMARIES: Record<string, Summarize> = {
  [SnapshotEvents.Requested]: (d) =>
    d.manageRef
      ? `manage existing ${quoted(d.manageRef)} requested as a snapshot of volume ${d.volumeId}, ${d.size} GiB${named(d)}`
      : `requested from volume ${d.volumeId}, ${d.size} GiB${named(d)}`,
  [SnapshotEvents.Progressed]: (d) => `progress ${d.progress}`,
  [SnapshotEvents.Available]: (d) =>
    `copied ${bytes(d.bytes)} (${bytes(d.allocatedBytes)} allocated), checksum ${shortDigest(d.checksum)}`,
  [SnapshotEvents.Failed]: (d) => failure('failed', d),
  [SnapshotEvents.Updated]: renamed,
  [SnapshotEvents.MetadataChanged]: metadata,
  [SnapshotEvents.StatusReset]: (d) => `status reset to ${d.status}`,
  [SnapshotEvents.StatusUpdated]: (d) => `status updated to ${d.status}${d.progress ? ` (progress ${d.progress})` : ''}`,
  [SnapshotEvents.DeletionRequested]: (d) => (d.unmanage ? 'unmanage requested' : `deletion requested${flags(d, ['force'])}`),
  [SnapshotEvents.Deleted]: (d) => (d.unmanaged ? 'unmanaged (data kept)' : 'deleted'),
  [SnapshotEvents.DeletionFailed]: (d) => failure('deletion failed', d),
  [SnapshotEvents.RestoreStarted]: (d) => `reverting volume ${d.volumeId} to this snapshot`,
  [SnapshotEvents.RestoreFinished]: () => 'revert finished',

  [VolumeEvents.Requested]: (d) => {
    const source = d.snapshotId ? ` from snapshot ${d.snapshotId}` : d.sourceVolid ? ` cloned from volume ${d.sourceVolid}` : '';
    return `requested ${d.size} GiB${source}${named(d)}, type ${d.volumeType}, zone ${d.availabilityZone}`;
  },
  [VolumeEvents.Available]: (d) => (typeof d.bytes === 'number' ? `available, ${bytes(d.bytes)} allocated` : 'available'),
  [VolumeEvents.Failed]: (d) => failure('failed', d),
  [VolumeEvents.Attached]: (d) =>
    `attached to ${d.instanceUuid ? `instance ${d.instanceUuid}` : `host ${d.hostName ?? '?'}`} at ${d.mountpoint} (${d.mode})`,
  [VolumeEvents.Detached]: (d) => `attachment ${d.attachmentId} detached`,
  [VolumeEvents.Updated]: renamed,
  [VolumeEvents.MetadataChanged]: metadata,
  [VolumeEvents.StatusReset]: (d) => {
    const parts = [
      d.status !== undefined ? `status reset to ${d.status}` : null,
      d.attachStatus !== undefined ? `attach status reset to ${d.attachStatus}` : null,
      d.migrationStatus !== undefined ? `migration status reset to ${d.migrationStatus}` : null,
    ].filter(Boolean);
    return parts.length > 0 ? parts.join(', ') : 'status reset';
  },
  [VolumeEvents.ExtendRequested]: (d) => `extend to ${d.newSize} GiB requested`,
  [VolumeEvents.Extended]: (d) => `extended to ${d.size} GiB`,
  [VolumeEvents.ExtendFailed]: (d) => failure('extend failed', d),
  [VolumeEvents.DeletionRequested]: (d) => `deletion requested${flags(d, ['cascade', 'force'])}`,
  [VolumeEvents.Deleted]: () => 'deleted',
  [VolumeEvents.DeletionFailed]: (d) => failure('deletion failed', d),
  [VolumeEvents.AttachmentReserved]: (d) =>
    `attachment ${d.attachmentId} reserved${d.instanceUuid ? ` for instance ${d.instanceUuid}` : ''} (${d.mode})`,
  [VolumeEvents.AttachmentConnected]: (d) =>
    `attachment ${d.attachmentId} connecting${d.connector?.host ? ` from host ${d.connector.host}` : ''}`,
  [VolumeEvents.AttachmentCompleted]: (d) => `attachment ${d.attachmentId} completed`,
  [VolumeEvents.Reserved]: () => 'reserved for attaching',
  [VolumeEvents.Unreserved]: () => 'reservation released',
  [VolumeEvents.DetachingStarted]: () => 'detaching',
  [VolumeEvents.DetachingRolledBack]: () => 'detaching rolled back',
  [VolumeEvents.RevertRequested]: (d) => `revert to snapshot ${d.snapshotId} requested`,
  [VolumeEvents.Reverted]: (d) => `reverted to snapshot ${d.snapshotId}`,
  [VolumeEvents.RevertFailed]: (d) => failure('revert failed', d),
};

/**
 * One line saying what an event changed, in the operator's words ("renamed to 'x'", "metadata: +k3,
 * -k1", "copied 1 GiB (64 MiB allocated), checksum sha256-4m:…"). Unknown types are named as they are.
 */
export function summarize(type: string, data: Data, before: SummaryContext): string {
  const summary = SUMMARIES[type];
  return summary ? summary(data, before) : type;
}

/** The context after an event: what later summaries compare against. */
export function advance(before: SummaryContext, type: string, data: Data): SummaryContext {
  if (type === SnapshotEvents.Requested || type === VolumeEvents.Requested) return { metadata: { ...(data.metadata ?? {}) } };
  if (type === SnapshotEvents.MetadataChanged || type === VolumeEvents.MetadataChanged) return { metadata: { ...(data.metadata ?? {}) } };
  return before;
}
