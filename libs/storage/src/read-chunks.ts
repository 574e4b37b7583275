import type { FileHandle } from 'node:fs/promises';
import { readBuffers } from './buffer-pool.js';
import type { DataMap } from './data-map.js';
import { HOLE_GRANULARITY } from './data-runs.js';
import { StorageError } from './storage-error.js';

/**
 * One piece of a file, `length` bytes at `position`. `data` holds the ranges `extents` of it
 * (offsets in the chunk, in order) and is only valid until the next chunk is requested; between
 * them the file has holes its {@link DataMap} reported: zeros, neither read nor written into `data`
 * (see {@link piecesOf}). `data` is null for a chunk that is one hole.
 */
export interface Chunk {
  data: Buffer | null;
  position: number;
  length: number;
  extents: Array<[number, number]>;
}

/**
 * A chunk as consecutive pieces `[bytes, offset, length]` covering it: the bytes read, and `null`
 * for the holes between them (zeros).
 */
export function* piecesOf({ data, length, extents }: Chunk): Generator<[Buffer | null, number, number]> {
  let at = 0;
  for (const [start, end] of data ? extents : []) {
    if (start > at) yield [null, at, start - at];
    yield [data!.subarray(start, end), start, end - start];
    at = end;
  }
  if (at < length) yield [null, at, length - at];
}

/**
 * Holes shorter than this between two data extents of a chunk are read rather than skipped: one
 * read costs more than the kernel zero-filling a few pages.
 */
const MIN_SKIPPED_HOLE = 64 * 1024;

/**
 * Reads the first `size` bytes of `fh` in order, in `chunkSize` pieces aligned on multiples of
 * `chunkSize`, with two reused buffers: the read of the next chunk is already in flight while the
 * caller processes the current one. For a file of at least one chunk the buffers come from the
 * process's {@link readBuffers} and go back to it when the generator ends.
 *
 * With a `map`, holes are not read: a run of chunks that holds no data comes as one `data: null`
 * chunk (ending on a chunk boundary or at `size`), and a chunk with some data reads only its data
 * extents (holes shorter than 64 KiB between them are read). Without one, every byte is read.
 * Rejects with a transient `STORAGE_IO` error if the file ends before `size`.
 */
export async function* readChunks(fh: FileHandle, size: number, chunkSize: number, map?: DataMap | null): AsyncGenerator<Chunk> {
  const buffers: Buffer[] = [];
  // Only whole-chunk buffers go to the pool: it never fills up with the odd sizes of small files.
  const pooled = size >= chunkSize;
  const bufferFor = (i: number) => (buffers[i] ??= pooled ? readBuffers.take(chunkSize) : Buffer.allocUnsafe(size));

  /** Plans and starts reading the chunk at `position` into `buffers[slot]`, if it has data. */
  const start = (position: number, slot: number): Promise<Chunk> => {
    const end = Math.min(position + chunkSize, size);
    if (!map) return readFully(fh, bufferFor(slot), position, [[position, end]], end - position);
    const extents = map.dataIn(position, end);
    if (extents.length > 0) return readFully(fh, bufferFor(slot), position, coalesce(extents), end - position);
    // No data here: extend the hole to the chunk boundary at or before the next data.
    const next = map.nextData(end);
    const holeEnd = next >= size ? size : Math.max(end, next - (next % chunkSize));
    return Promise.resolve({ data: null, position, length: holeEnd - position, extents: [] });
  };

  let slot = 0;
  let pending: Promise<Chunk> | undefined = size > 0 ? start(0, slot) : undefined;
  try {
    while (pending) {
      const chunk = await pending;
      const next = chunk.position + chunk.length;
      // The caller asked for this chunk, so it is done with the previous one: its buffer is free.
      if (chunk.data) slot ^= 1;
      pending = next < size ? start(next, slot) : undefined;
      yield chunk;
    }
  } finally {
    // If the caller stopped early, let the in-flight read settle so it cannot reject unobserved
    // (nor write into a buffer that is back in the pool).
    await pending?.catch(() => undefined);
    if (pooled) for (const buf of buffers) if (buf) readBuffers.give(buf);
  }
}

/** Merges extents separated by holes shorter than {@link MIN_SKIPPED_HOLE}. */
function coalesce(extents: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [[...extents[0]]];
  for (let i = 1; i < extents.length; i++) {
    const last = out[out.length - 1];
    if (extents[i][0] - last[1] < MIN_SKIPPED_HOLE) last[1] = extents[i][1];
    else out.push([...extents[i]]);
  }
  return out;
}

/**
 * Reads `extents` (file offsets) of the chunk at `position` into `buf`, at their offsets in the chunk.
 * The holes between them are left as they are, but for the parts that share a
 * {@link HOLE_GRANULARITY} block with data, zero-filled so that whole blocks can be compared.
 */
async function readFully(fh: FileHandle, buf: Buffer, position: number, extents: Array<[number, number]>, length: number): Promise<Chunk> {
  const read: Array<[number, number]> = [];
  let gapStart = 0;
  for (const [start, end] of [...extents, [position + length, position + length]]) {
    const gapEnd = start - position;
    if (gapEnd > gapStart) {
      const afterData = Math.min(gapEnd, Math.ceil(gapStart / HOLE_GRANULARITY) * HOLE_GRANULARITY);
      const beforeData = Math.max(afterData, Math.floor(gapEnd / HOLE_GRANULARITY) * HOLE_GRANULARITY);
      buf.fill(0, gapStart, afterData);
      buf.fill(0, beforeData, gapEnd);
    }
    gapStart = end - position;
  }
  for (const [start, end] of extents) {
    let done = start - position;
    while (done < end - position) {
      const { bytesRead } = await fh.read(buf, done, end - position - done, position + done);
      if (bytesRead === 0) {
        throw new StorageError('STORAGE_IO', `image shrank while being read: expected data at offset ${position + done}`);
      }
      done += bytesRead;
    }
    read.push([start - position, end - position]);
  }
  return { data: buf.subarray(0, length), position, length, extents: read };
}
