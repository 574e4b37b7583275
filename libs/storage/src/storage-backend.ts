import type { ProgressCallback } from './progress-reporter.js';
import type { CopyResult } from './sparse-copy.js';

/** Options of {@link StorageBackend.createSnapshot}. */
export interface SnapshotOptions {
  /** Bytes processed so far and the volume's size, rate-limited, ending with `(total, total)`. */
  onProgress?: ProgressCallback;
  /** Cancels the snapshot; the operation rejects with `signal.reason` and leaves nothing behind. */
  signal?: AbortSignal;
}

/**
 * Where volume and snapshot data live. Implementations (raw files today; Ceph RBD or LVM-thin
 * later) reject only with {@link StorageError} (or an abort reason): `permanent` errors must fail
 * the operation, the others may be retried with backoff. Every method is idempotent.
 */
export interface StorageBackend {
  /** Provisions an empty (thin) volume of `sizeGiB` GiB; a no-op if it already exists with that size. */
  allocateVolume(volumeId: string, sizeGiB: number): Promise<void>;
  /**
   * Fills volume `volumeId` (creating or replacing its image) with the data of a snapshot or another
   * volume, then grows it to `sizeGiB`. With `expectedChecksum`, the source's checksum computed while
   * copying and the checksum of what landed must both equal it (`STORAGE_CHECKSUM_MISMATCH`,
   * permanent, otherwise). Crash-safe and idempotent: the image is replaced atomically.
   */
  populateVolume(
    source: { snapshotId: string } | { volumeId: string },
    volumeId: string,
    sizeGiB: number,
    opts?: SnapshotOptions & { expectedChecksum?: string },
  ): Promise<CopyResult>;
  /** Grows a volume to `sizeGiB` (never shrinks); a no-op when it already has that size. */
  extendVolume(volumeId: string, sizeGiB: number): Promise<void>;
  /**
   * Takes a full, independent, durable point-in-time copy of the volume (which the caller keeps
   * quiescent meanwhile). Re-running replaces a previous copy with the same id.
   * Rejects with the permanent `STORAGE_SOURCE_MISSING` if the volume does not exist.
   */
  createSnapshot(volumeId: string, snapshotId: string, opts?: SnapshotOptions): Promise<CopyResult>;
  /**
   * Adopts snapshot data the backend holds but Ember does not track (Cinder's "manage existing"):
   * `ref` names it (for the file backend, an image in the snapshots directory). Idempotent: once
   * adopted, a re-run just re-verifies. Rejects with the permanent `STORAGE_SOURCE_MISSING` if
   * there is no such data.
   */
  manageSnapshot(ref: string, snapshotId: string): Promise<CopyResult>;
  /** The snapshot images the backend holds, tracked or not (for Cinder's manageable-snapshots list). */
  listSnapshotImages(): Promise<{ ref: string; bytes: number }[]>;
  /**
   * Re-reads a snapshot's data and computes its checksum (the `sha256-4m` of its image), for scrubbing
   * and verification. Rejects with the permanent `STORAGE_SOURCE_MISSING` if the data is gone.
   */
  verifySnapshot(snapshotId: string): Promise<CopyResult>;
  /** Deletes a snapshot's data; a missing snapshot is not an error. */
  deleteSnapshot(snapshotId: string): Promise<void>;
  /** Deletes a volume's data; a missing volume is not an error. */
  deleteVolume(volumeId: string): Promise<void>;
  /** Where the volume's data lives (a file path for the file backend; a backend-specific locator otherwise). */
  volumePath(volumeId: string): string;
  /** Where the snapshot's data lives (a file path for the file backend; a backend-specific locator otherwise). */
  snapshotPath(snapshotId: string): string;
}
