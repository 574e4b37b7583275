import { open, readdir, rename, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { imageChecksum } from './image-checksum.js';
import { allocateImage } from './allocate-image.js';
import { ensureDir, fsyncDir, unlinkIfExists } from './durable-fs.js';
import { removeStaleTempFiles } from './remove-stale-temp-files.js';
import { sparseCopy, type CopyResult } from './sparse-copy.js';
import type { SnapshotOptions, StorageBackend } from './storage-backend.js';
import { StorageError } from './storage-error.js';

const GiB = 1024 ** 3;

// No dots: keeps ids from walking out of the data dir and from matching the `*.tmp-*` cleanup pattern.
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * {@link StorageBackend} on a local filesystem: sparse raw images at
 * `<dataDir>/volumes/<id>.img` and `<dataDir>/snapshots/<id>.img`. Snapshots are full sparse
 * copies (see {@link sparseCopy}), so they survive deletion of their volume.
 */
export class FileStorageBackend implements StorageBackend {
  private readonly dataDir: string;

  constructor(dataDir: string) {
    this.dataDir = resolve(dataDir);
  }

  /** Rejects with `STORAGE_INVALID_ARGUMENT` unless `sizeGiB` is a positive integer. */
  async allocateVolume(volumeId: string, sizeGiB: number): Promise<void> {
    if (!Number.isSafeInteger(sizeGiB) || sizeGiB <= 0 || !Number.isSafeInteger(sizeGiB * GiB)) {
      throw new StorageError('STORAGE_INVALID_ARGUMENT', `volume size must be a positive integer of GiB: ${sizeGiB}`);
    }
    const path = this.volumePath(volumeId);
    await this.ensureDir(dirname(path));
    await allocateImage(path, sizeGiB * GiB);
  }

  async populateVolume(
    source: { snapshotId: string } | { volumeId: string },
    volumeId: string,
    sizeGiB: number,
    opts: SnapshotOptions & { expectedChecksum?: string } = {},
  ): Promise<CopyResult> {
    const src = 'snapshotId' in source ? this.snapshotPath(source.snapshotId) : this.volumePath(source.volumeId);
    const dst = this.volumePath(volumeId);
    await this.ensureDir(dirname(dst));
    const result = await sparseCopy(src, dst, opts);
    if (opts.expectedChecksum) {
      // Before: what we read from the source while copying. After: what is now on disk.
      const landed = await imageChecksum(dst).catch((e) => Promise.reject(StorageError.from(e, `cannot verify ${dst}`)));
      for (const [when, actual] of [['read from the source', result.checksum], ['written', landed.checksum]]) {
        if (actual !== opts.expectedChecksum) {
          throw new StorageError('STORAGE_CHECKSUM_MISMATCH', `data ${when} has checksum ${actual}, expected ${opts.expectedChecksum}`);
        }
      }
    }
    await this.extendVolume(volumeId, Math.max(sizeGiB, Math.ceil(result.bytes / GiB)));
    return result;
  }

  async extendVolume(volumeId: string, sizeGiB: number): Promise<void> {
    const path = this.volumePath(volumeId);
    try {
      const current = (await stat(path)).size;
      if (current > sizeGiB * GiB) {
        throw new StorageError('STORAGE_CONFLICT', `volume ${volumeId} is larger (${current} bytes) than ${sizeGiB} GiB`);
      }
      if (current === sizeGiB * GiB) return;
      // Growing a sparse file adds a hole: nothing is written, only the length changes.
      const fh = await open(path, 'r+');
      try {
        await fh.truncate(sizeGiB * GiB);
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new StorageError('STORAGE_SOURCE_MISSING', `volume ${volumeId} has no image`, { cause: err });
      }
      throw StorageError.from(err, `cannot extend ${path}`);
    }
  }

  async createSnapshot(volumeId: string, snapshotId: string, opts: SnapshotOptions = {}): Promise<CopyResult> {
    const src = this.volumePath(volumeId);
    const dst = this.snapshotPath(snapshotId);
    await this.ensureDir(dirname(dst));
    return sparseCopy(src, dst, opts);
  }

  async manageSnapshot(ref: string, snapshotId: string): Promise<CopyResult> {
    const source = this.snapshotPath(ref.replace(/\.img$/, ''));
    const target = this.snapshotPath(snapshotId);
    try {
      if (source !== target) {
        // rename is atomic: after a crash either the source or the target exists, never neither.
        await rename(source, target).catch(async (e: NodeJS.ErrnoException) => {
          if (e.code !== 'ENOENT' || !(await exists(target))) throw e;
        });
        await fsyncDir(dirname(target));
      }
      return await imageChecksum(target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new StorageError('STORAGE_SOURCE_MISSING', `no snapshot image named ${ref}`, { cause: err });
      }
      throw StorageError.from(err, `cannot manage ${ref}`);
    }
  }

  async verifySnapshot(snapshotId: string): Promise<CopyResult> {
    try {
      return await imageChecksum(this.snapshotPath(snapshotId));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new StorageError('STORAGE_SOURCE_MISSING', `snapshot ${snapshotId} has no image`, { cause: err });
      }
      throw StorageError.from(err, `cannot verify snapshot ${snapshotId}`);
    }
  }

  async listSnapshotImages(): Promise<{ ref: string; bytes: number }[]> {
    const dir = join(this.dataDir, 'snapshots');
    const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [] as string[];
      throw StorageError.from(e, `cannot list ${dir}`);
    });
    const images = names.filter((n) => n.endsWith('.img') && SAFE_ID.test(n.slice(0, -4)));
    const sizes = await Promise.all(images.map((n) => stat(join(dir, n)).then((s) => s.size, () => null)));
    return images.flatMap((n, i) => (sizes[i] === null ? [] : [{ ref: n.slice(0, -4), bytes: sizes[i]! }]));
  }

  async deleteSnapshot(snapshotId: string): Promise<void> {
    await this.remove(this.snapshotPath(snapshotId));
  }

  async deleteVolume(volumeId: string): Promise<void> {
    await this.remove(this.volumePath(volumeId));
  }

  /** Throws `STORAGE_INVALID_ARGUMENT` for ids that are not safe file names. */
  volumePath(volumeId: string): string {
    return join(this.dataDir, 'volumes', `${checkId(volumeId)}.img`);
  }

  /** Throws `STORAGE_INVALID_ARGUMENT` for ids that are not safe file names. */
  snapshotPath(snapshotId: string): string {
    return join(this.dataDir, 'snapshots', `${checkId(snapshotId)}.img`);
  }

  /**
   * Startup cleanup: removes temp files that interrupted operations left in the volume and
   * snapshot directories. Resolves with the paths removed.
   */
  async removeStaleTempFiles(opts: { olderThanMs?: number } = {}): Promise<string[]> {
    const dirs = ['volumes', 'snapshots'].map((d) => join(this.dataDir, d));
    const removed = await Promise.all(dirs.map((d) => removeStaleTempFiles(d, opts)));
    return removed.flat();
  }

  private async ensureDir(dir: string): Promise<void> {
    try {
      await ensureDir(dir);
    } catch (err) {
      throw StorageError.from(err, `cannot create ${dir}`);
    }
  }

  private async remove(path: string): Promise<void> {
    try {
      if (await unlinkIfExists(path)) await fsyncDir(dirname(path));
    } catch (err) {
      throw StorageError.from(err, `cannot delete ${path}`);
    }
  }
}

function checkId(id: string): string {
  if (typeof id !== 'string' || !SAFE_ID.test(id)) {
    throw new StorageError('STORAGE_INVALID_ARGUMENT', `invalid id: ${JSON.stringify(id)}`);
  }
  return id;
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);
