import { stat, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { dataRuns, HOLE_GRANULARITY } from './data-runs.js';
import { writeFileDurably } from './durable-fs.js';
import { CHECKSUM_CHUNK_SIZE, ImageHasher } from './image-hasher.js';
import { openImage } from './open-image.js';
import { ProgressReporter, type ProgressCallback } from './progress-reporter.js';
import { readChunks } from './read-chunks.js';
import { StorageError } from './storage-error.js';

/** Outcome of {@link sparseCopy}. */
export interface CopyResult {
  /** Logical size of the image in bytes. */
  bytes: number;
  /** Space the destination occupies on disk (`st_blocks * 512`). */
  allocatedBytes: number;
  /** Ember image checksum of the content, `sha256-4m:<hex>` (see {@link ImageHasher}). */
  checksum: string;
}

/** Options of {@link sparseCopy}. */
export interface SparseCopyOptions {
  /**
   * Bytes per read, a positive multiple of 64 KiB; default 4 MiB. Only affects I/O and progress
   * granularity, never the checksum.
   */
  chunkSize?: number;
  /** Progress in bytes read, at most every `progressIntervalMs`, and `(total, total)` once at the end. */
  onProgress?: ProgressCallback;
  /** Minimum milliseconds between two intermediate progress calls; default 100. */
  progressIntervalMs?: number;
  /** Aborting rejects with the signal's reason and removes the temp file. */
  signal?: AbortSignal;
}

/**
 * Copies the raw image `src` to `dst`, keeping it sparse, and checksums it on the way.
 *
 * - Streams `src` with large positional reads into two reused buffers (read-ahead of one chunk).
 * - Zero regions (64 KiB granularity) are not written, so holes stay holes and the destination
 *   only allocates the data; the file is then truncated to the source's logical size.
 * - Crash-safe and idempotent: writes `<dst>.tmp-<random>`, fsyncs it, renames it over `dst` and
 *   fsyncs the directory. Re-running replaces `dst` with an identical copy.
 *
 * The source must not change during the copy (the caller quiesces the volume).
 * Rejects with {@link StorageError} (`STORAGE_SOURCE_MISSING` is permanent, `STORAGE_IO` transient),
 * or with `signal.reason` when aborted.
 */
export async function sparseCopy(src: string, dst: string, opts: SparseCopyOptions = {}): Promise<CopyResult> {
  const chunkSize = opts.chunkSize ?? CHECKSUM_CHUNK_SIZE;
  if (!Number.isSafeInteger(chunkSize) || chunkSize <= 0 || chunkSize % HOLE_GRANULARITY !== 0) {
    throw new StorageError('STORAGE_INVALID_ARGUMENT', `chunkSize must be a positive multiple of ${HOLE_GRANULARITY}`);
  }
  if (resolve(src) === resolve(dst)) {
    throw new StorageError('STORAGE_INVALID_ARGUMENT', `cannot copy an image onto itself: ${src}`);
  }
  opts.signal?.throwIfAborted();

  const source = await openImage(src);
  try {
    const progress = new ProgressReporter(opts.onProgress, source.size, opts.progressIntervalMs);
    const copy = (out: FileHandle) => copyContent(source.fh, source.size, out, chunkSize, progress, opts.signal);
    const checksum = await writeFileDurably(dst, copy, { replace: true });
    const { blocks } = await stat(dst);
    progress.finish();
    return { bytes: source.size, allocatedBytes: blocks * 512, checksum };
  } catch (err) {
    throw StorageError.from(err, `copying ${src} to ${dst} failed`);
  } finally {
    await source.fh.close();
  }
}

async function copyContent(
  src: FileHandle,
  size: number,
  out: FileHandle,
  chunkSize: number,
  progress: ProgressReporter,
  signal: AbortSignal | undefined,
): Promise<string> {
  const hasher = new ImageHasher();
  for await (const { data, position } of readChunks(src, size, chunkSize)) {
    signal?.throwIfAborted();
    const runs = dataRuns(data);
    // Hashing is synchronous CPU work: let the writes (thread pool) run meanwhile. Neither mutates `data`.
    const writing = writeRuns(out, data, runs, position);
    try {
      hasher.update(data, runs.length === 0);
    } finally {
      await writing;
    }
    progress.update(position + data.length);
  }
  signal?.throwIfAborted();
  await out.truncate(size);
  return hasher.digest();
}

/** Writes the `runs` of `data` (a chunk read at `position`) at their offsets, leaving the gaps as holes. */
async function writeRuns(fh: FileHandle, data: Buffer, runs: Array<[number, number]>, position: number): Promise<void> {
  for (const [start, end] of runs) {
    let off = start;
    while (off < end) {
      const { bytesWritten } = await fh.write(data, off, end - off, position + off);
      off += bytesWritten;
    }
  }
}
