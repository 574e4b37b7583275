import type { RecordedEvent } from '#ember/event-store';
import { SnapshotEvents, type SnapshotDeleted, type SnapshotRequested } from '#ember/snapshots';
import { VolumeEvents, type VolumeDeleted, type VolumeRequested } from '#ember/volumes';
import type { CountedResource } from './quota-keys.js';

/** The events that change a project's usage. */
export const USAGE_EVENTS: readonly string[] = [
  SnapshotEvents.Requested,
  SnapshotEvents.Deleted,
  VolumeEvents.Requested,
  VolumeEvents.ExtendRequested,
  VolumeEvents.ExtendFailed,
  VolumeEvents.Deleted,
];

/** Extend events carry only the new size: the volume's project and sizes, as its stream had them before the event. */
export interface VolumeSizes {
  projectId: string;
  /** GiB before the extension. */
  size: number;
  /** GiB the pending (or failed) extension asked for. */
  newSize: number;
}

/** Event types whose usage change needs {@link VolumeSizes}. */
export const needsVolumeSizes = (type: string): boolean =>
  type === VolumeEvents.ExtendRequested || type === VolumeEvents.ExtendFailed;

/** How one event changes a project's usage, resources in lock order (sorted by name, as Cinder reports overs). */
export interface UsageChange {
  projectId: string;
  deltas: [CountedResource, number][];
}

/**
 * Cinder's quota bookkeeping as a pure function of one event: a snapshot or volume request reserves one
 * item and its size in gigabytes; an extension reserves the growth when asked and gives it back if it
 * fails; a delete gives everything back (a snapshot only if it `consumesQuota`). Failed snapshots and
 * volumes keep their quota until deleted, as in Cinder.
 */
export function usageChange(event: Pick<RecordedEvent, 'type' | 'data'>, volume?: VolumeSizes): UsageChange | null {
  switch (event.type) {
    case SnapshotEvents.Requested: {
      const r = event.data as unknown as SnapshotRequested;
      return change(r.projectId, 'snapshots', r.size, 1);
    }
    case SnapshotEvents.Deleted: {
      const d = event.data as unknown as SnapshotDeleted;
      return d.consumesQuota ? change(d.projectId, 'snapshots', d.size, -1) : null;
    }
    case VolumeEvents.Requested: {
      const r = event.data as unknown as VolumeRequested;
      return change(r.projectId, 'volumes', r.size, 1);
    }
    case VolumeEvents.Deleted: {
      const d = event.data as unknown as VolumeDeleted & { consumesQuota?: boolean };
      return d.consumesQuota === false ? null : change(d.projectId, 'volumes', d.size, -1);
    }
    case VolumeEvents.ExtendRequested:
    case VolumeEvents.ExtendFailed: {
      if (!volume) return null;
      const growth = (volume.newSize - volume.size) * (event.type === VolumeEvents.ExtendFailed ? -1 : 1);
      return { projectId: volume.projectId, deltas: [['gigabytes', growth]] };
    }
    default:
      return null;
  }
}

function change(projectId: string, items: 'snapshots' | 'volumes', size: number, sign: 1 | -1): UsageChange {
  return {
    projectId,
    deltas: [
      ['gigabytes', sign * size],
      [items, sign],
    ],
  };
}
