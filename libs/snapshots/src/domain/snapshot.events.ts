/** Snapshot stream event types (`snapshot-<uuid>`). Stable strings; a new shape gets a new version. */
export const SnapshotEvents = {
  Requested: 'snapshot.requested.v1',
  Progressed: 'snapshot.progressed.v1',
  Available: 'snapshot.available.v1',
  Failed: 'snapshot.failed.v1',
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
