import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDir, writeFileDurably } from './durable-fs.js';
import { StorageError, errnoCode } from './storage-error.js';

/**
 * Creates a sparse (all-hole) image of `sizeBytes` at `path`, crash-safely: temp file,
 * ftruncate, fsync, then a no-clobber hard link into place and a directory fsync.
 *
 * Idempotent: if `path` already is a file of that size, nothing changes (its data is kept).
 * An existing file of another size is never touched: rejects with the permanent `STORAGE_CONFLICT`.
 */
export async function allocateImage(path: string, sizeBytes: number): Promise<void> {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0) {
    throw new StorageError('STORAGE_INVALID_ARGUMENT', `invalid image size: ${sizeBytes}`);
  }
  try {
    if (await existsWithSize(path, sizeBytes)) {
      // A previous attempt may have crashed before its directory fsync.
      await fsyncDir(dirname(path));
      return;
    }
    try {
      await writeFileDurably(path, (fh) => fh.truncate(sizeBytes), { replace: false });
    } catch (err) {
      // Lost a race with a concurrent allocation: fine if it produced the same image.
      if (errnoCode(err) !== 'EEXIST' || !(await existsWithSize(path, sizeBytes))) throw err;
    }
  } catch (err) {
    throw StorageError.from(err, `allocating ${path} failed`);
  }
}

/** False if `path` does not exist; throws `STORAGE_CONFLICT` if it exists but differs. */
async function existsWithSize(path: string, sizeBytes: number): Promise<boolean> {
  try {
    const st = await stat(path);
    if (st.isFile() && st.size === sizeBytes) return true;
    const what = st.isFile() ? `a ${st.size}-byte image` : 'a non-file';
    throw new StorageError('STORAGE_CONFLICT', `${path} already exists as ${what}, wanted ${sizeBytes} bytes`);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw err;
  }
}
