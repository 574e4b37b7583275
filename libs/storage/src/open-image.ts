import { open, type FileHandle } from 'node:fs/promises';
import { StorageError, errnoCode } from './storage-error.js';

/** An image opened for reading, with its logical size. */
export interface OpenImage {
  fh: FileHandle;
  size: number;
}

/**
 * Opens an existing image read-only. A missing file rejects with the permanent
 * `STORAGE_SOURCE_MISSING`; anything but a regular file with `STORAGE_INVALID_ARGUMENT`.
 */
export async function openImage(path: string): Promise<OpenImage> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') {
      throw new StorageError('STORAGE_SOURCE_MISSING', `image not found: ${path}`, { cause: err });
    }
    throw StorageError.from(err, `cannot open image ${path}`);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new StorageError('STORAGE_INVALID_ARGUMENT', `not a regular file: ${path}`);
    return { fh, size: st.size };
  } catch (err) {
    await fh.close();
    throw StorageError.from(err, `cannot stat image ${path}`);
  }
}
