/** Volume stream event types (`volume-<uuid>`). Stable strings; a new shape gets a new version. */
export const VolumeEvents = {
  Requested: 'volume.requested.v1',
  Available: 'volume.available.v1',
  Failed: 'volume.failed.v1',
  Attached: 'volume.attached.v1',
  Detached: 'volume.detached.v1',
  Updated: 'volume.updated.v1',
  MetadataChanged: 'volume.metadata_changed.v1',
  StatusReset: 'volume.status_reset.v1',
  ExtendRequested: 'volume.extend_requested.v1',
  Extended: 'volume.extended.v1',
  ExtendFailed: 'volume.extend_failed.v1',
  DeletionRequested: 'volume.deletion_requested.v1',
  Deleted: 'volume.deleted.v1',
  DeletionFailed: 'volume.deletion_failed.v1',
  AttachmentReserved: 'volume.attachment_reserved.v1',
  AttachmentConnected: 'volume.attachment_connected.v1',
  AttachmentCompleted: 'volume.attachment_completed.v1',
  Reserved: 'volume.reserved.v1',
  Unreserved: 'volume.unreserved.v1',
  DetachingStarted: 'volume.detaching_started.v1',
  DetachingRolledBack: 'volume.detaching_rolled_back.v1',
  RevertRequested: 'volume.revert_requested.v1',
  Reverted: 'volume.reverted.v1',
  RevertFailed: 'volume.revert_failed.v1',
} as const;

export interface VolumeRequested {
  volumeId: string;
  projectId: string;
  userId: string;
  name: string | null;
  description: string | null;
  metadata: Record<string, string>;
  size: number;
  availabilityZone: string;
  volumeType: string;
  snapshotId: string | null;
  sourceVolid: string | null;
  /** Restoring from a snapshot: its recorded checksum, verified before and after the copy. */
  sourceChecksum?: string;
  at: string;
}

export interface VolumeAvailable {
  bytes: number;
  at: string;
}

export interface VolumeFailed {
  code: string;
  reason: string;
  at: string;
}

export interface VolumeAttached {
  attachmentId: string;
  instanceUuid: string | null;
  hostName: string | null;
  mountpoint: string;
  mode: 'rw' | 'ro';
  at: string;
}

export interface VolumeDetached {
  attachmentId: string;
  at: string;
}

/** `PUT /volumes/{id}`: only the fields given change. */
export interface VolumeUpdated {
  name?: string | null;
  description?: string | null;
  at: string;
}

/** Any metadata change: the full metadata after it. */
export interface VolumeMetadataChanged {
  metadata: Record<string, string>;
  at: string;
}

/** `os-reset_status` (admin). */
export interface VolumeStatusReset {
  status?: string;
  attachStatus?: string;
  migrationStatus?: string | null;
  at: string;
}

/** `os-extend`: the volume is `extending` until the worker grew it. */
export interface VolumeExtendRequested {
  newSize: number;
  at: string;
}

export interface VolumeExtended {
  size: number;
  at: string;
}

/** DELETE (`cascade` deletes its snapshots first). */
export interface VolumeDeletionRequested {
  cascade: boolean;
  force: boolean;
  at: string;
}

/** The volume is gone. Carries what quota release and replay need. */
export interface VolumeDeleted {
  projectId: string;
  size: number;
  at: string;
}

/** `revert` (3.40): the volume is `reverting` while the worker copies the snapshot back. */
export interface VolumeRevertRequested {
  snapshotId: string;
  /** The snapshot's recorded checksum, verified on the way. */
  checksum: string;
  at: string;
}

export interface VolumeReverted {
  snapshotId: string;
  at: string;
}

/** Attachments API (3.27): an attachment is reserved (no connector yet) or attaching (connector given). */
export interface VolumeAttachmentReserved {
  attachmentId: string;
  instanceUuid: string | null;
  mode: 'rw' | 'ro';
  connector: Record<string, unknown> | null;
  at: string;
}

/** `PUT /attachments/{id}` with a connector: the host is connecting. */
export interface VolumeAttachmentConnected {
  attachmentId: string;
  connector: Record<string, unknown>;
  at: string;
}

/** `os-complete` (3.44): the attachment is in use. */
export interface VolumeAttachmentCompleted {
  attachmentId: string;
  at: string;
}
