import type { NewEvent, RecordedEvent } from '#ember/event-store';
import { VolumeErrors } from './volume.errors.js';
import {
  VolumeEvents,
  type VolumeAttached,
  type VolumeAvailable,
  type VolumeDetached,
  type VolumeFailed,
  type VolumeRequested,
} from './volume.events.js';

export interface Attachment {
  attachmentId: string;
  instanceUuid: string | null;
  hostName: string | null;
  mountpoint: string;
  mode: 'rw' | 'ro';
}

/** A volume's state, folded from its events. */
export interface VolumeState {
  id: string;
  projectId: string;
  status: string;
  size: number;
  /** Null while never migrated; Cinder refuses snapshots while a migration runs. */
  migrationStatus: string | null;
  attachments: Attachment[];
  version: number;
}

type Event = Pick<RecordedEvent, 'type' | 'data'>;

/** Applies one event; unknown types leave the state as it was (forward compatible). */
export function evolveVolume(state: VolumeState | null, event: Event, version: number): VolumeState | null {
  const d = event.data as unknown;
  if (event.type === VolumeEvents.Requested) {
    const r = d as VolumeRequested;
    return { id: r.volumeId, projectId: r.projectId, status: 'creating', size: r.size, migrationStatus: null, attachments: [], version };
  }
  if (!state) return null;
  switch (event.type) {
    case VolumeEvents.Available:
      return { ...state, status: 'available', version };
    case VolumeEvents.Failed:
      return { ...state, status: 'error', version };
    case VolumeEvents.Attached: {
      const { at: _at, ...attachment } = d as VolumeAttached;
      return { ...state, status: 'in-use', attachments: [...state.attachments, attachment], version };
    }
    case VolumeEvents.Detached: {
      const left = state.attachments.filter((a) => a.attachmentId !== (d as VolumeDetached).attachmentId);
      return { ...state, status: left.length > 0 ? 'in-use' : 'available', attachments: left, version };
    }
    default:
      return { ...state, version };
  }
}

export function foldVolume(events: RecordedEvent[]): VolumeState | null {
  return events.reduce<VolumeState | null>((s, e) => evolveVolume(s, e, e.streamVersion), null);
}

/** Decisions on an existing volume; each returns the events to append. */
export const Volume = {
  markAvailable(bytes: number, at: string): Omit<NewEvent, 'eventId'>[] {
    return [{ type: VolumeEvents.Available, data: { bytes, at } satisfies VolumeAvailable }];
  },

  markFailed(code: string, reason: string, at: string): Omit<NewEvent, 'eventId'>[] {
    return [{ type: VolumeEvents.Failed, data: { code, reason, at } satisfies VolumeFailed }];
  },

  attach(state: VolumeState, attachment: Attachment, at: string): Omit<NewEvent, 'eventId'>[] {
    // Ember volumes are not multiattach: only an available volume takes its first attachment.
    if (state.status !== 'available') throw VolumeErrors.cannotAttach(state.id, state.status);
    return [{ type: VolumeEvents.Attached, data: { ...attachment, at } satisfies VolumeAttached }];
  },

  detach(state: VolumeState, attachmentId: string | null, at: string): Omit<NewEvent, 'eventId'>[] {
    if (state.attachments.length === 0) throw VolumeErrors.notAttached(state.id);
    const target = attachmentId ?? (state.attachments.length === 1 ? state.attachments[0]!.attachmentId : null);
    if (!target || !state.attachments.some((a) => a.attachmentId === target)) {
      throw VolumeErrors.attachmentNotFound(attachmentId ?? 'None');
    }
    return [{ type: VolumeEvents.Detached, data: { attachmentId: target, at } satisfies VolumeDetached }];
  },
};
