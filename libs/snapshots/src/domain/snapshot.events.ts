/** Snapshot stream event types (`snapshot-<uuid>`). Stable strings; a new shape gets a new version. */
export const SnapshotEvents = {
  Requested: 'snapshot.requested.v1',
  Progressed: 'snapshot.progressed.v1',
  Available: 'snapshot.available.v1',
  Failed: 'snapshot.failed.v1',
  Updated: 'snapshot.updated.v1',
  MetadataChanged: 'snapshot.metadata_changed.v1',
  StatusReset: 'snapshot.status_reset.v1',
  StatusUpdated: 'snapshot.status_updated.v1',
  DeletionRequested: 'snapshot.deletion_requested.v1',
  Deleted: 'snapshot.deleted.v1',
  DeletionFailed: 'snapshot.deletion_failed.v1',
  RestoreStarted: 'snapshot.restore_started.v1',
  RestoreFinished: 'snapshot.restore_finished.v1',
} as const;

export interface SnapshotRequested {
  snapshotId: string;
  volumeId: string;
  projectId: string;
  userId: string;
  name: string | null;
  description: string | null;
  metadata: Record<string, string>;
  /** GiB: the volume's size when the snapshot was requested. */
  size: number;
  /** The volume stream version the decision was taken on. */
  volumeVersion: number;
  /** Manage existing: the backend data to adopt instead of copying the volume. */
  manageRef?: string;
  at: string;
}

export interface SnapshotProgressed {
  /** Cinder's progress string, e.g. `"42%"`. */
  progress: string;
  at: string;
}

export interface SnapshotAvailable {
  bytes: number;
  allocatedBytes: number;
  checksum: string;
  at: string;
}

export interface SnapshotFailed {
  code: string;
  reason: string;
  at: string;
}

/** `PUT /snapshots/{id}`: only the fields given change. */
export interface SnapshotUpdated {
  name?: string | null;
  description?: string | null;
  at: string;
}

/** Any metadata change: the full metadata after it (merge, replace, per-key set or delete). */
export interface SnapshotMetadataChanged {
  metadata: Record<string, string>;
  at: string;
}

/** `os-reset_status` (admin): any valid status, no transition rules. */
export interface SnapshotStatusReset {
  status: string;
  at: string;
}

/** `os-update_snapshot_status` (Nova-assisted snapshots): creating/deleting transitions, optional progress. */
export interface SnapshotStatusUpdated {
  status: string;
  progress: string | null;
  at: string;
}

/** DELETE, `os-force_delete` or `os-unmanage`: the snapshot is `deleting` (or `unmanaging`) until the worker is done. */
export interface SnapshotDeletionRequested {
  force: boolean;
  /** `os-unmanage`: forget the snapshot but keep its data. */
  unmanage: boolean;
  at: string;
}

/** The snapshot is gone (404 from now on). Releases its quota when `consumesQuota`. */
export interface SnapshotDeleted {
  /** The data was kept (`os-unmanage`). */
  unmanaged: boolean;
  /** Copied from the snapshot so quota and replay need no lookup. */
  projectId: string;
  size: number;
  consumesQuota: boolean;
  at: string;
}

export interface SnapshotDeletionFailed {
  code: string;
  reason: string;
  at: string;
}

/** A volume is being reverted to this snapshot: `restoring` until the worker is done (then `available`). */
export interface SnapshotRestoreStarted {
  volumeId: string;
  at: string;
}
