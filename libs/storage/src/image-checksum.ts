import { DataMap } from './data-map.js';
import { CHECKSUM_CHUNK_SIZE, ImageHasher } from './image-hasher.js';
import { openImage } from './open-image.js';
import { piecesOf, readChunks } from './read-chunks.js';
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

/** Options of {@link imageChecksum}. */
export interface ImageChecksumOptions {
  /** Aborting rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Use the native addon when it is built (default true): holes are found with SEEK_DATA/SEEK_HOLE
   * and hashed as zeros without being read. `false` reads every byte, as happens anyway without
   * the addon. The checksum is the same either way.
   */
  native?: boolean;
}

/**
 * Re-computes the Ember checksum of an existing image (same definition as {@link sparseCopy}),
 * streaming it in 4 MiB reads; for scrubbing stored snapshots. Holes the filesystem reports are
 * not read. The image must not be written meanwhile.
 * Rejects with `STORAGE_SOURCE_MISSING` if the file does not exist, `STORAGE_IO` on read errors.
 */
export async function imageChecksum(path: string, opts: ImageChecksumOptions = {}): Promise<ImageChecksumResult> {
  opts.signal?.throwIfAborted();
  const { fh, size } = await openImage(path);
  try {
    const hasher = new ImageHasher();
    const map = opts.native === false ? null : DataMap.open(fh.fd, size);
    for await (const chunk of readChunks(fh, size, CHECKSUM_CHUNK_SIZE, map)) {
      opts.signal?.throwIfAborted();
      for (const [bytes, , length] of piecesOf(chunk)) {
        if (bytes) hasher.update(bytes);
        else hasher.updateZeros(length);
      }
    }
    const { blocks } = await fh.stat();
    return { checksum: hasher.digest(), bytes: size, allocatedBytes: blocks * 512 };
  } catch (err) {
    throw StorageError.from(err, `checksumming ${path} failed`);
  } finally {
    await fh.close();
  }
}
