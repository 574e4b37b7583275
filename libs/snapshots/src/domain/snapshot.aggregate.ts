import type { NewEvent, RecordedEvent } from '#ember/event-store';
import type { VolumeState } from '#ember/volumes';
import { SnapshotErrors } from './snapshot.errors.js';
import {
  SnapshotEvents,
  type SnapshotAvailable,
  type SnapshotFailed,
  type SnapshotProgressed,
  type SnapshotRequested,
} from './snapshot.events.js';

export interface SnapshotState {
  id: string;
  volumeId: string;
  projectId: string;
  status: string;
  progress: string;
  size: number;
  version: number;
}

type Decided = Omit<NewEvent, 'eventId'>[];
const MIGRATION_DONE = new Set([null, 'deleting', 'error', 'success']);

export interface RequestSnapshot {
  snapshotId: string;
  projectId: string;
  userId: string;
  name: string | null;
  description: string | null;
  metadata: Record<string, string>;
  /** `force=true` before 3.66, or any request from 3.66 on: in-use volumes may be snapshotted. */
  allowInUse: boolean;
}

/** Applies one event; unknown types leave the state as it was. */
export function evolveSnapshot(state: SnapshotState | null, event: Pick<RecordedEvent, 'type' | 'data'>, version: number) {
  const d = event.data as unknown;
  if (event.type === SnapshotEvents.Requested) {
    const r = d as SnapshotRequested;
    return { id: r.snapshotId, volumeId: r.volumeId, projectId: r.projectId, status: 'creating', progress: '0%', size: r.size, version };
  }
  if (!state) return null;
  switch (event.type) {
    case SnapshotEvents.Progressed:
      return { ...state, progress: (d as SnapshotProgressed).progress, version };
    case SnapshotEvents.Available:
      return { ...state, status: 'available', progress: '100%', version };
    case SnapshotEvents.Failed:
      return { ...state, status: 'error', version };
    default:
      return { ...state, version };
  }
}

export function foldSnapshot(events: RecordedEvent[]): SnapshotState | null {
  return events.reduce<SnapshotState | null>((s, e) => evolveSnapshot(s, e, e.streamVersion), null);
}

export const Snapshot = {
  /** Cinder's create_snapshot checks, in Cinder's order (volume status rules; quota comes later). */
  request(volume: VolumeState, cmd: RequestSnapshot, at: string): Decided {
    if (volume.status === 'maintenance') throw SnapshotErrors.volumeMaintenance();
    if (!MIGRATION_DONE.has(volume.migrationStatus)) throw SnapshotErrors.volumeMigrating();
    if (volume.status === 'error') throw SnapshotErrors.volumeError();
    const allowed = cmd.allowInUse ? ['available', 'in-use'] : ['available'];
    if (!allowed.includes(volume.status)) throw SnapshotErrors.volumeNotAvailable(volume.id, allowed, volume.status);
    const data: SnapshotRequested = {
      snapshotId: cmd.snapshotId,
      volumeId: volume.id,
      projectId: cmd.projectId,
      userId: cmd.userId,
      name: cmd.name,
      description: cmd.description,
      metadata: cmd.metadata,
      size: volume.size,
      volumeVersion: volume.version,
      at,
    };
    return [{ type: SnapshotEvents.Requested, data: { ...data } }];
  },

  progressed(state: SnapshotState, progress: string, at: string): Decided {
    if (state.status !== 'creating' || state.progress === progress) return [];
    return [{ type: SnapshotEvents.Progressed, data: { progress, at } satisfies SnapshotProgressed }];
  },

  completed(state: SnapshotState, result: Omit<SnapshotAvailable, 'at'>, at: string): Decided {
    if (state.status !== 'creating') return [];
    return [{ type: SnapshotEvents.Available, data: { ...result, at } satisfies SnapshotAvailable }];
  },

  failed(state: SnapshotState, code: string, reason: string, at: string): Decided {
    if (state.status !== 'creating') return [];
    return [{ type: SnapshotEvents.Failed, data: { code, reason, at } satisfies SnapshotFailed }];
  },
};
