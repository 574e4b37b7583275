import { CHECKSUM_CHUNK_SIZE, ImageHasher } from './image-hasher.js';
import { openImage } from './open-image.js';
import { readChunks } from './read-chunks.js';
import { StorageError } from './storage-error.js';

/** Checksum and sizes of an image at rest, from {@link imageChecksum}. */
export interface ImageChecksumResult {
  /** Ember image checksum, `sha256-4m:<hex>`. */
  checksum: string;
  /** Logical size in bytes. */
  bytes: number;
  /** Space the file occupies on disk (`st_blocks * 512`). */
  allocatedBytes: number;
}

/**
 * Re-computes the Ember checksum of an existing image (same definition as {@link sparseCopy}),
 * streaming it in 4 MiB reads; for scrubbing stored snapshots.
 * Rejects with `STORAGE_SOURCE_MISSING` if the file does not exist, `STORAGE_IO` on read errors.
 */
export async function imageChecksum(path: string, opts: { signal?: AbortSignal } = {}): Promise<ImageChecksumResult> {
  opts.signal?.throwIfAborted();
  const { fh, size } = await openImage(path);
  try {
    const hasher = new ImageHasher();
    for await (const { data } of readChunks(fh, size, CHECKSUM_CHUNK_SIZE)) {
      opts.signal?.throwIfAborted();
      hasher.update(data);
    }
    const { blocks } = await fh.stat();
    return { checksum: hasher.digest(), bytes: size, allocatedBytes: blocks * 512 };
  } catch (err) {
    throw StorageError.from(err, `checksumming ${path} failed`);
  } finally {
    await fh.close();
  }
}
