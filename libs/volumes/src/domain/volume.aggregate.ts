import type { NewEvent, RecordedEvent } from '#ember/event-store';
import { VolumeErrors } from './volume.errors.js';
import {
  VolumeEvents,
  type VolumeAttached,
  type VolumeAttachmentCompleted,
  type VolumeAttachmentConnected,
  type VolumeAttachmentReserved,
  type VolumeAvailable,
  type VolumeDeleted,
  type VolumeDeletionRequested,
  type VolumeDetached,
  type VolumeExtended,
  type VolumeExtendRequested,
  type VolumeFailed,
  type VolumeMetadataChanged,
  type VolumeRequested,
  type VolumeStatusReset,
  type VolumeUpdated,
} from './volume.events.js';

export interface Attachment {
  attachmentId: string;
  instanceUuid: string | null;
  hostName: string | null;
  mountpoint: string;
  mode: 'rw' | 'ro';
  /** Attachments API lifecycle; legacy `os-attach` attachments are `attached` at once. */
  status?: 'reserved' | 'attaching' | 'attached';
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
  metadata: Record<string, string>;
  /** Set once the volume is gone (the stream stays, as history). */
  deleted: boolean;
  /** What a new volume is filled from: a snapshot (with its checksum) or another volume. */
  source: { snapshotId: string; checksum?: string } | { sourceVolid: string } | null;
  version: number;
}

/** A snapshot of the volume, as the delete rules need it. */
export interface VolumeSnapshotRef {
  id: string;
  status: string;
}

type Event = Pick<RecordedEvent, 'type' | 'data'>;
type Decided = Omit<NewEvent, 'eventId'>[];
const one = (type: string, data: object): Decided => [{ type, data: { ...data } }];
const DELETABLE = ['available', 'error', 'error_restoring', 'error_extending', 'error_managing'];

/** The status a volume's remaining attachments give it (Cinder's attachment bookkeeping). */
function statusWith(attachments: Attachment[]): string {
  if (attachments.some((a) => (a.status ?? 'attached') === 'attached')) return 'in-use';
  if (attachments.some((a) => a.status === 'attaching')) return 'attaching';
  return attachments.length > 0 ? 'reserved' : 'available';
}

/** Applies one event; unknown types leave the state as it was (forward compatible). */
export function evolveVolume(state: VolumeState | null, event: Event, version: number): VolumeState | null {
  const d = event.data as unknown;
  if (event.type === VolumeEvents.Requested) {
    const r = d as VolumeRequested;
    return {
      id: r.volumeId, projectId: r.projectId, status: 'creating', size: r.size, migrationStatus: null, attachments: [],
      metadata: { ...r.metadata }, deleted: false, version,
      source: r.snapshotId
        ? { snapshotId: r.snapshotId, ...(r.sourceChecksum ? { checksum: r.sourceChecksum } : {}) }
        : r.sourceVolid
          ? { sourceVolid: r.sourceVolid }
          : null,
    };
  }
  if (!state) return null;
  const next = { ...state, version };
  switch (event.type) {
    case VolumeEvents.Available:
      return { ...next, status: 'available' };
    case VolumeEvents.Failed:
      return { ...next, status: 'error' };
    case VolumeEvents.Attached: {
      const { at: _at, ...attachment } = d as VolumeAttached;
      return { ...next, status: 'in-use', attachments: [...state.attachments, attachment] };
    }
    case VolumeEvents.Detached: {
      const left = state.attachments.filter((a) => a.attachmentId !== (d as VolumeDetached).attachmentId);
      return { ...next, status: statusWith(left), attachments: left };
    }
    case VolumeEvents.MetadataChanged:
      return { ...next, metadata: { ...(d as VolumeMetadataChanged).metadata } };
    case VolumeEvents.StatusReset: {
      const r = d as VolumeStatusReset;
      return {
        ...next,
        status: r.status ?? state.status,
        migrationStatus: r.migrationStatus !== undefined ? r.migrationStatus : state.migrationStatus,
      };
    }
    case VolumeEvents.ExtendRequested:
      return { ...next, status: 'extending' };
    case VolumeEvents.Extended:
      return { ...next, status: state.attachments.length > 0 ? 'in-use' : 'available', size: (d as VolumeExtended).size };
    case VolumeEvents.ExtendFailed:
      return { ...next, status: 'error_extending' };
    case VolumeEvents.DeletionRequested:
      return { ...next, status: 'deleting' };
    case VolumeEvents.AttachmentReserved: {
      const r = d as VolumeAttachmentReserved;
      const status = r.connector ? 'attaching' : 'reserved';
      const attachment: Attachment = { attachmentId: r.attachmentId, instanceUuid: r.instanceUuid, hostName: null, mountpoint: '', mode: r.mode, status };
      return { ...next, status, attachments: [...state.attachments, attachment] };
    }
    case VolumeEvents.AttachmentConnected: {
      const id = (d as VolumeAttachmentConnected).attachmentId;
      const attachments = state.attachments.map((a) => (a.attachmentId === id ? { ...a, status: 'attaching' as const } : a));
      return { ...next, status: state.status === 'in-use' ? 'in-use' : 'attaching', attachments };
    }
    case VolumeEvents.AttachmentCompleted: {
      const id = (d as VolumeAttachmentCompleted).attachmentId;
      const attachments = state.attachments.map((a) => (a.attachmentId === id ? { ...a, status: 'attached' as const } : a));
      return { ...next, status: 'in-use', attachments };
    }
    case VolumeEvents.Reserved:
      return { ...next, status: 'attaching' };
    case VolumeEvents.Unreserved:
    case VolumeEvents.DetachingRolledBack:
      return { ...next, status: state.attachments.length > 0 ? 'in-use' : 'available' };
    case VolumeEvents.DetachingStarted:
      return { ...next, status: 'detaching' };
    case VolumeEvents.RevertRequested:
      return { ...next, status: 'reverting' };
    case VolumeEvents.Reverted:
      return { ...next, status: 'available' };
    case VolumeEvents.RevertFailed:
      return { ...next, status: 'error' };
    case VolumeEvents.DeletionFailed:
      return { ...next, status: 'error_deleting' };
    case VolumeEvents.Deleted:
      return { ...next, status: 'deleted', deleted: true };
    default:
      return next;
  }
}

export function foldVolume(events: RecordedEvent[]): VolumeState | null {
  return events.reduce<VolumeState | null>((s, e) => evolveVolume(s, e, e.streamVersion), null);
}

/** Decisions on an existing volume; each returns the events to append. */
export const Volume = {
  markAvailable(bytes: number, at: string): Decided {
    return one(VolumeEvents.Available, { bytes, at } satisfies VolumeAvailable);
  },

  markFailed(code: string, reason: string, at: string): Decided {
    return one(VolumeEvents.Failed, { code, reason, at } satisfies VolumeFailed);
  },

  attach(state: VolumeState, attachment: Attachment, at: string): Decided {
    // Ember volumes are not multiattach: only an available (or reserved for attaching) volume takes one.
    if (state.status !== 'available' && state.status !== 'attaching') throw VolumeErrors.cannotAttach(state.id, state.status);
    return one(VolumeEvents.Attached, { ...attachment, at } satisfies VolumeAttached);
  },

  detach(state: VolumeState, attachmentId: string | null, at: string): Decided {
    if (state.attachments.length === 0) throw VolumeErrors.notAttached(state.id);
    const target = attachmentId ?? (state.attachments.length === 1 ? state.attachments[0]!.attachmentId : null);
    if (!target || !state.attachments.some((a) => a.attachmentId === target)) {
      throw VolumeErrors.attachmentNotFound(attachmentId ?? 'None');
    }
    return one(VolumeEvents.Detached, { attachmentId: target, at } satisfies VolumeDetached);
  },

  /** `POST /attachments` (3.27): reserve (no connector) or start attaching (connector). */
  reserveAttachment(state: VolumeState, a: Omit<VolumeAttachmentReserved, 'at'>, at: string): Decided {
    // Ember volumes are not multiattach: an attachment is made on an available volume only.
    if (state.status !== 'available') throw VolumeErrors.cannotAttach(state.id, state.status);
    return one(VolumeEvents.AttachmentReserved, { ...a, at } satisfies VolumeAttachmentReserved);
  },

  connectAttachment(state: VolumeState, attachmentId: string, connector: Record<string, unknown>, at: string): Decided {
    if (!state.attachments.some((a) => a.attachmentId === attachmentId)) throw VolumeErrors.attachmentNotFound(attachmentId);
    return one(VolumeEvents.AttachmentConnected, { attachmentId, connector, at } satisfies VolumeAttachmentConnected);
  },

  completeAttachment(state: VolumeState, attachmentId: string, at: string): Decided {
    if (!state.attachments.some((a) => a.attachmentId === attachmentId)) throw VolumeErrors.attachmentNotFound(attachmentId);
    return one(VolumeEvents.AttachmentCompleted, { attachmentId, at } satisfies VolumeAttachmentCompleted);
  },

  /** `os-reserve`: an available volume is `attaching` while Nova sets the attachment up. */
  reserve(state: VolumeState, at: string): Decided {
    if (state.status !== 'available') throw VolumeErrors.cannotReserve(state.status);
    return one(VolumeEvents.Reserved, { at });
  },

  /** `os-unreserve`: back from `attaching` (a no-op in any other status, as Cinder's conditional update). */
  unreserve(state: VolumeState, at: string): Decided {
    return state.status === 'attaching' ? one(VolumeEvents.Unreserved, { at }) : [];
  },

  /** `os-begin_detaching`: an attached, in-use volume is `detaching`. */
  beginDetaching(state: VolumeState, at: string): Decided {
    if (state.status !== 'in-use' || state.attachments.length === 0) throw VolumeErrors.cannotBeginDetaching();
    return one(VolumeEvents.DetachingStarted, { at });
  },

  /** `os-roll_detaching`: back from `detaching` (a no-op otherwise). */
  rollDetaching(state: VolumeState, at: string): Decided {
    return state.status === 'detaching' ? one(VolumeEvents.DetachingRolledBack, { at }) : [];
  },

  update(_state: VolumeState, change: { name?: string | null; description?: string | null }, at: string): Decided {
    return one(VolumeEvents.Updated, { ...change, at } satisfies VolumeUpdated);
  },

  setMetadata(state: VolumeState, metadata: Record<string, string>, at: string): Decided {
    if (state.status === 'maintenance') throw VolumeErrors.maintenance();
    return one(VolumeEvents.MetadataChanged, { metadata, at } satisfies VolumeMetadataChanged);
  },

  resetStatus(_state: VolumeState, reset: Omit<VolumeStatusReset, 'at'>, at: string): Decided {
    return one(VolumeEvents.StatusReset, { ...reset, at } satisfies VolumeStatusReset);
  },

  /** `os-extend`: available volumes (in-use too from 3.42), to a larger size only. */
  extend(state: VolumeState, newSize: number, allowInUse: boolean, at: string): Decided {
    const allowed = allowInUse ? ['available', 'in-use'] : ['available'];
    if (!allowed.includes(state.status)) throw VolumeErrors.cannotExtend(state.status);
    if (newSize <= state.size) throw VolumeErrors.extendNotLarger(state.size, newSize);
    return one(VolumeEvents.ExtendRequested, { newSize, at } satisfies VolumeExtendRequested);
  },

  extended(state: VolumeState, newSize: number, at: string): Decided {
    if (state.status !== 'extending') return [];
    return one(VolumeEvents.Extended, { size: newSize, at } satisfies VolumeExtended);
  },

  /**
   * Cinder's delete rules: a deletable status, not attached, and no snapshots unless `cascade`
   * (then every snapshot must be available, error or already deleting). `force` (admin, 3.23)
   * skips the status rule but not the others.
   */
  requestDeletion(state: VolumeState, mode: { cascade: boolean; force: boolean }, snapshots: VolumeSnapshotRef[], at: string): Decided {
    if (!mode.force && !DELETABLE.includes(state.status)) throw VolumeErrors.cannotDelete();
    if (state.attachments.length > 0 || state.migrationStatus === 'migrating') throw VolumeErrors.cannotDelete();
    if (snapshots.length > 0 && !mode.cascade) throw VolumeErrors.cannotDelete();
    if (snapshots.some((s) => !['available', 'error', 'deleting'].includes(s.status))) throw VolumeErrors.cannotDelete();
    return one(VolumeEvents.DeletionRequested, { ...mode, at } satisfies VolumeDeletionRequested);
  },

  deleted(state: VolumeState, at: string): Decided {
    if (state.status !== 'deleting') return [];
    return one(VolumeEvents.Deleted, { projectId: state.projectId, size: state.size, at } satisfies VolumeDeleted);
  },
};
