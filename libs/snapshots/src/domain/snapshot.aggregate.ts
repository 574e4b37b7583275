import type { NewEvent, RecordedEvent } from '#ember/event-store';
import type { VolumeState } from '#ember/volumes';
import { SnapshotErrors } from './snapshot.errors.js';
import {
  SnapshotEvents,
  type SnapshotAvailable,
  type SnapshotDeleted,
  type SnapshotDeletionFailed,
  type SnapshotDeletionRequested,
  type SnapshotFailed,
  type SnapshotMetadataChanged,
  type SnapshotProgressed,
  type SnapshotRequested,
  type SnapshotStatusReset,
  type SnapshotStatusUpdated,
  type SnapshotUpdated,
} from './snapshot.events.js';

export interface SnapshotState {
  id: string;
  volumeId: string;
  projectId: string;
  status: string;
  progress: string;
  size: number;
  metadata: Record<string, string>;
  consumesQuota: boolean;
  /** Set once the snapshot is gone (the stream stays, as history). */
  deleted: boolean;
  /** Manage existing: the backend data this snapshot adopts. */
  manageRef: string | null;
  version: number;
}

type Decided = Omit<NewEvent, 'eventId'>[];
type Event = Pick<RecordedEvent, 'type' | 'data'>;
const MIGRATION_DONE = new Set([null, 'deleting', 'error', 'success']);
/** `os-update_snapshot_status` transitions (Nova-assisted snapshots), from Cinder's snapshot_actions. */
const STATUS_UPDATES: Record<string, readonly string[]> = {
  creating: ['creating', 'available', 'error'],
  deleting: ['deleting', 'error_deleting'],
};

export interface RequestSnapshot {
  snapshotId: string;
  projectId: string;
  userId: string;
  name: string | null;
  description: string | null;
  metadata: Record<string, string>;
  /** `force=true` before 3.66, or any request from 3.66 on: in-use volumes may be snapshotted. */
  allowInUse: boolean;
  /** Manage existing: adopt this backend data instead of copying the volume. */
  manageRef?: string;
}

/** Applies one event; unknown types leave the state as it was. */
export function evolveSnapshot(state: SnapshotState | null, event: Event, version: number): SnapshotState | null {
  const d = event.data as unknown;
  if (event.type === SnapshotEvents.Requested) {
    const r = d as SnapshotRequested;
    return {
      id: r.snapshotId, volumeId: r.volumeId, projectId: r.projectId, status: 'creating', progress: '0%', size: r.size,
      metadata: { ...r.metadata }, consumesQuota: true, deleted: false, manageRef: r.manageRef ?? null, version,
    };
  }
  if (!state) return null;
  const next = { ...state, version };
  switch (event.type) {
    case SnapshotEvents.Progressed:
      return { ...next, progress: (d as SnapshotProgressed).progress };
    case SnapshotEvents.Available:
      return { ...next, status: 'available', progress: '100%' };
    case SnapshotEvents.Failed:
      return { ...next, status: 'error' };
    case SnapshotEvents.MetadataChanged:
      return { ...next, metadata: { ...(d as SnapshotMetadataChanged).metadata } };
    case SnapshotEvents.StatusReset:
      return { ...next, status: (d as SnapshotStatusReset).status };
    case SnapshotEvents.StatusUpdated: {
      const u = d as SnapshotStatusUpdated;
      return { ...next, status: u.status, progress: u.progress ?? next.progress };
    }
    case SnapshotEvents.DeletionRequested:
      return { ...next, status: (d as SnapshotDeletionRequested).unmanage ? 'unmanaging' : 'deleting' };
    case SnapshotEvents.DeletionFailed:
      return { ...next, status: 'error_deleting' };
    case SnapshotEvents.RestoreStarted:
      return { ...next, status: 'restoring' };
    case SnapshotEvents.RestoreFinished:
      return { ...next, status: 'available' };
    case SnapshotEvents.Deleted:
      return { ...next, status: 'deleted', deleted: true };
    default:
      return next;
  }
}

export function foldSnapshot(events: RecordedEvent[]): SnapshotState | null {
  return events.reduce<SnapshotState | null>((s, e) => evolveSnapshot(s, e, e.streamVersion), null);
}

const one = (type: string, data: object): Decided => [{ type, data: { ...data } }];

export const Snapshot = {
  /** Cinder's create_snapshot checks, in Cinder's order (volume status rules; quota comes later). */
  request(volume: VolumeState, cmd: RequestSnapshot, at: string): Decided {
    if (volume.status === 'maintenance') throw SnapshotErrors.volumeMaintenance();
    if (!MIGRATION_DONE.has(volume.migrationStatus)) throw SnapshotErrors.volumeMigrating();
    if (volume.status === 'error') throw SnapshotErrors.volumeError();
    const allowed = cmd.allowInUse ? ['available', 'in-use'] : ['available'];
    if (!allowed.includes(volume.status)) throw SnapshotErrors.volumeNotAvailable(volume.id, allowed, volume.status);
    return one(SnapshotEvents.Requested, {
      snapshotId: cmd.snapshotId, volumeId: volume.id, projectId: cmd.projectId, userId: cmd.userId, name: cmd.name,
      description: cmd.description, metadata: cmd.metadata, size: volume.size, volumeVersion: volume.version,
      ...(cmd.manageRef !== undefined ? { manageRef: cmd.manageRef } : {}), at,
    } satisfies SnapshotRequested);
  },

  progressed(state: SnapshotState, progress: string, at: string): Decided {
    if (state.status !== 'creating' || state.progress === progress) return [];
    return one(SnapshotEvents.Progressed, { progress, at } satisfies SnapshotProgressed);
  },

  completed(state: SnapshotState, result: Omit<SnapshotAvailable, 'at'>, at: string): Decided {
    if (state.status !== 'creating') return [];
    return one(SnapshotEvents.Available, { ...result, at } satisfies SnapshotAvailable);
  },

  failed(state: SnapshotState, code: string, reason: string, at: string): Decided {
    if (state.status !== 'creating') return [];
    return one(SnapshotEvents.Failed, { code, reason, at } satisfies SnapshotFailed);
  },

  /** Rename / describe: allowed in any status, as Cinder. */
  update(_state: SnapshotState, change: { name?: string | null; description?: string | null }, at: string): Decided {
    return one(SnapshotEvents.Updated, { ...change, at } satisfies SnapshotUpdated);
  },

  /** Sets the whole metadata (the use case computes it: merge, replace, set or remove a key). */
  setMetadata(state: SnapshotState, metadata: Record<string, string>, at: string): Decided {
    return one(SnapshotEvents.MetadataChanged, { metadata, at } satisfies SnapshotMetadataChanged);
  },

  /** Removes one key; a missing key is Cinder's 404. */
  removeMetadataKey(state: SnapshotState, key: string, at: string): Decided {
    if (!(key in state.metadata)) throw SnapshotErrors.metadataKeyNotFound(state.id, key);
    const { [key]: _gone, ...rest } = state.metadata;
    return Snapshot.setMetadata(state, rest, at);
  },

  /** `os-reset_status` (admin): any valid status, no transition rules. */
  resetStatus(_state: SnapshotState, status: string, at: string): Decided {
    return one(SnapshotEvents.StatusReset, { status, at } satisfies SnapshotStatusReset);
  },

  /** `os-update_snapshot_status`: only Cinder's creating/deleting transitions. */
  updateStatus(state: SnapshotState, status: string, progress: string | null, at: string): Decided {
    const allowed = STATUS_UPDATES[state.status];
    if (!allowed) throw SnapshotErrors.updateStatusNotAllowed(state.status);
    if (!allowed.includes(status)) throw SnapshotErrors.updateStatusTargetNotAllowed(status, state.status);
    return one(SnapshotEvents.StatusUpdated, { status, progress, at } satisfies SnapshotStatusUpdated);
  },

  /** DELETE (available/error only), `os-force_delete` (any status) or `os-unmanage` (available/error). */
  requestDeletion(state: SnapshotState, mode: { force: boolean; unmanage: boolean }, at: string): Decided {
    if (!mode.force && !['available', 'error'].includes(state.status)) throw SnapshotErrors.invalidDeleteStatus();
    return one(SnapshotEvents.DeletionRequested, { ...mode, at } satisfies SnapshotDeletionRequested);
  },

  /** The worker removed (or, unmanaging, released) the data. */
  deleted(state: SnapshotState, at: string): Decided {
    if (state.status !== 'deleting' && state.status !== 'unmanaging') return [];
    return one(SnapshotEvents.Deleted, {
      unmanaged: state.status === 'unmanaging', projectId: state.projectId, size: state.size,
      consumesQuota: state.consumesQuota, at,
    } satisfies SnapshotDeleted);
  },

  deletionFailed(state: SnapshotState, code: string, reason: string, at: string): Decided {
    if (state.status !== 'deleting') return [];
    return one(SnapshotEvents.DeletionFailed, { code, reason, at } satisfies SnapshotDeletionFailed);
  },
};
