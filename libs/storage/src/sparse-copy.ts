import { stat, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DataMap } from './data-map.js';
import { dataRuns, HOLE_GRANULARITY } from './data-runs.js';
import { writeFileDurably } from './durable-fs.js';
import { CHECKSUM_CHUNK_SIZE, ImageHasher } from './image-hasher.js';
import { copyRange, isCopyUnsupported, nativeExtentsAvailable } from './native-extents.js';
import { openImage } from './open-image.js';
import { ProgressReporter, type ProgressCallback } from './progress-reporter.js';
import { piecesOf, readChunks } from './read-chunks.js';
import { StorageError } from './storage-error.js';
import { WritebackPacer } from './writeback-pacer.js';

/** Default of {@link SparseCopyOptions.writebackBytes}. */
export const WRITEBACK_BYTES = 64 * 1024 * 1024;

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
  /**
   * Use the native addon when it is built (default true): holes are found with SEEK_DATA/SEEK_HOLE
   * and skipped instead of read, and data is copied in the kernel (`copy_file_range`). `false`
   * takes the portable path, as happens anyway without the addon: every byte is read and written
   * from buffers. The result (bytes, holes, checksum) is the same either way.
   */
  native?: boolean;
  /**
   * Bytes of data written between two background fdatasyncs of the destination (see
   * {@link WritebackPacer}); default 64 MiB, `Infinity` leaves it all to the final fsync. The
   * addon's hint after each kernel copy (`sync_file_range`, see native-extents) does not wait and may
   * be skipped by the kernel; the fdatasyncs do the writing. A dense 1 GiB copy on the 2-vCPU bench
   * VM (2026-11-27, 3 alternating rounds): 1,052–1,572 ms (median 1,055) with them, 1,549–1,871
   * (median 1,829) without; cp + sync 1,292–1,446 in the same rounds.
   */
  writebackBytes?: number;
}

/**
 * Copies the raw image `src` to `dst`, keeping it sparse, and checksums it on the way.
 *
 * - Streams `src` with large positional reads into two reused buffers (read-ahead of one chunk).
 * - Holes the filesystem reports (with the native addon, see {@link SparseCopyOptions.native}) are
 *   neither read nor written: they only feed the checksum as zeros.
 * - Zero regions (64 KiB granularity) are not written, so holes stay holes and the destination
 *   only allocates the data; the file is then truncated to the source's logical size. The data
 *   is copied by the kernel from `src` when the addon can (the bytes just read are only hashed),
 *   else written from the buffer.
 * - Crash-safe and idempotent: writes `<dst>.tmp-<random>`, fsyncs it, renames it over `dst` and
 *   fsyncs the directory. Re-running replaces `dst` with an identical copy.
 *
 * The source must not change during the copy (the caller quiesces the volume): its holes are
 * mapped as the copy goes, so data written meanwhile may be missed, not just be inconsistent.
 * Rejects with {@link StorageError} (`STORAGE_SOURCE_MISSING` is permanent, `STORAGE_IO` transient),
 * or with `signal.reason` when aborted.
 */
export async function sparseCopy(src: string, dst: string, opts: SparseCopyOptions = {}): Promise<CopyResult> {
  const chunkSize = opts.chunkSize ?? CHECKSUM_CHUNK_SIZE;
  if (!Number.isSafeInteger(chunkSize) || chunkSize <= 0 || chunkSize % HOLE_GRANULARITY !== 0) {
    throw new StorageError('STORAGE_INVALID_ARGUMENT', `chunkSize must be a positive multiple of ${HOLE_GRANULARITY}`);
  }
  const writeback = opts.writebackBytes ?? WRITEBACK_BYTES;
  if (!(writeback > 0)) {
    throw new StorageError('STORAGE_INVALID_ARGUMENT', `writebackBytes must be positive (Infinity to never flush early)`);
  }
  if (resolve(src) === resolve(dst)) {
    throw new StorageError('STORAGE_INVALID_ARGUMENT', `cannot copy an image onto itself: ${src}`);
  }
  opts.signal?.throwIfAborted();

  const source = await openImage(src);
  try {
    const progress = new ProgressReporter(opts.onProgress, source.size, opts.progressIntervalMs);
    const native = opts.native !== false && nativeExtentsAvailable();
    const map = native ? DataMap.open(source.fh.fd, source.size) : null;
    const copy = (out: FileHandle) =>
      copyContent(source.fh, source.size, map, new RunWriter(source.fh, out, native, writeback), chunkSize, progress, opts.signal);
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
  map: DataMap | null,
  out: RunWriter,
  chunkSize: number,
  progress: ProgressReporter,
  signal: AbortSignal | undefined,
): Promise<string> {
  const hasher = new ImageHasher();
  for await (const chunk of readChunks(src, size, chunkSize, map)) {
    signal?.throwIfAborted();
    const { data, position, length } = chunk;
    if (!data) {
      // A hole: nothing to read or write.
      hasher.updateZeros(length);
      progress.update(position + length);
      continue;
    }
    // Blocks holding no extent are holes: zeros without a look (and not in `data`).
    const runs = dataRuns(data, HOLE_GRANULARITY, chunk.extents);
    // Hashing is synchronous CPU work: let the writes (thread pool) run meanwhile. Neither mutates `data`.
    const writing = out.write(data, runs, position);
    try {
      for (const [bytes, offset, n] of piecesOf(chunk)) {
        if (!bytes) hasher.updateZeros(n);
        else hasher.update(bytes, !runs.some(([a, b]) => a < offset + n && b > offset));
      }
    } finally {
      await writing;
    }
    progress.update(position + length);
  }
  signal?.throwIfAborted();
  await out.settle();
  await out.fh.truncate(size);
  return hasher.digest();
}

/**
 * Puts the data runs of each chunk at their offsets in `fh`, leaving the gaps as holes: copied in
 * the kernel from `src` (which holds the same bytes, the source being quiescent) while that works,
 * else written from the chunk's buffer. What it wrote goes to disk in the background as it goes.
 */
class RunWriter {
  private readonly writeback: WritebackPacer;

  constructor(
    private readonly src: FileHandle,
    readonly fh: FileHandle,
    private kernelCopy: boolean,
    writebackBytes: number,
  ) {
    this.writeback = new WritebackPacer(() => fh.datasync(), writebackBytes);
  }

  /** Waits for the background write-back; rejects if it failed. */
  settle(): Promise<void> {
    return this.writeback.settle();
  }

  /** Writes the `runs` of `data`, a chunk read at `position`. */
  async write(data: Buffer, runs: Array<[number, number]>, position: number): Promise<void> {
    for (const [start, end] of runs) {
      if (!(this.kernelCopy && (await this.copy(position + start, end - start)))) {
        let off = start;
        while (off < end) {
          const { bytesWritten } = await this.fh.write(data, off, end - off, position + off);
          off += bytesWritten;
        }
      }
      this.writeback.wrote(end - start);
    }
  }

  /** Copies a range in the kernel; false (and writes from buffers from now on) if the kernel cannot. */
  private async copy(offset: number, length: number): Promise<boolean> {
    let copied: number | null;
    try {
      copied = await copyRange(this.src.fd, this.fh.fd, offset, length);
    } catch (err) {
      if (!isCopyUnsupported(err)) throw err;
      copied = null;
    }
    if (copied === null) {
      this.kernelCopy = false;
      return false;
    }
    if (copied < length) {
      throw new StorageError('STORAGE_IO', `image shrank while being read: expected data at offset ${offset + copied}`);
    }
    return true;
  }
}
