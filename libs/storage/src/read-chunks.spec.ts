import type { FileHandle } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readBuffers } from './buffer-pool.js';
import { DataMap } from './data-map.js';
import { HOLE_GRANULARITY } from './data-runs.js';
import { piecesOf, readChunks, type Chunk } from './read-chunks.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** An in-memory "file" that records the ranges read from it. */
function fakeFile(content: Buffer): { fh: FileHandle; reads: Array<[number, number]> } {
  const reads: Array<[number, number]> = [];
  const fh = {
    async read(buf: Buffer, offset: number, length: number, position: number) {
      const n = content.copy(buf, offset, position, Math.min(position + length, content.length));
      reads.push([position, position + n]);
      return { bytesRead: n, buffer: buf };
    },
  };
  return { fh: fh as unknown as FileHandle, reads };
}

/** Reassembles what readChunks yields (holes as zeros), checking the chunks tile the file in order. */
async function collect(chunks: AsyncGenerator<Chunk>, size: number): Promise<{ image: Buffer; yielded: Chunk[] }> {
  const image = Buffer.alloc(size, 0xaa); // every byte must come from a chunk: read, or a hole
  const yielded: Chunk[] = [];
  let expected = 0;
  for await (const chunk of chunks) {
    expect(chunk.position).toBe(expected);
    if (chunk.data) expect(chunk.data.length).toBe(chunk.length);
    // The file as the chunk describes it: the bytes read, zeros for the holes between them.
    for (const [bytes, offset, length] of piecesOf(chunk)) {
      if (bytes) bytes.copy(image, chunk.position + offset);
      else image.fill(0, chunk.position + offset, chunk.position + offset + length);
    }
    yielded.push({ ...chunk, data: chunk.data && Buffer.from(chunk.data) });
    expected += chunk.length;
  }
  expect(expected).toBe(size);
  return { image, yielded };
}

describe('readChunks', () => {
  const size = 10 * MiB + 5;
  const content = Buffer.alloc(size);
  content.fill(7, 3 * MiB + 100, 3 * MiB + 5000); // one small extent inside chunk 0 (4 MiB chunks)
  content.fill(8, 3 * MiB + 100 * KiB, 3 * MiB + 104 * KiB); // and another after a >64 KiB hole
  content.fill(9, size - 2, size); // and the file's last bytes
  const extents: Array<[number, number]> = [
    [3 * MiB + 96 * KiB, 3 * MiB + 100 * KiB], // an allocated extent of zeros just before data
    [3 * MiB, 3 * MiB + 8 * KiB],
    [3 * MiB + 100 * KiB, 3 * MiB + 104 * KiB],
    [size - 4096, size],
  ].sort((a, b) => a[0] - b[0]) as Array<[number, number]>;

  it('without a map reads every byte in chunkSize pieces', async () => {
    const { fh, reads } = fakeFile(content);
    const { image, yielded } = await collect(readChunks(fh, size, 4 * MiB), size);
    expect(image.equals(content)).toBe(true);
    expect(yielded.map((c) => c.length)).toEqual([4 * MiB, 4 * MiB, 2 * MiB + 5]);
    expect(reads.reduce((n, [s, e]) => n + e - s, 0)).toBe(size);
  });

  it('with a map reads only the data extents and yields runs of hole chunks as one', async () => {
    const { fh, reads } = fakeFile(content);
    const map = DataMap.of(extents, size);
    const { image, yielded } = await collect(readChunks(fh, size, 4 * MiB, map), size);
    expect(image.equals(content)).toBe(true);
    // Chunk 0 has data; chunk 1 is a hole; chunk 2 (the short last one) has data.
    expect(yielded.map((c) => [c.position, c.length, c.data !== null])).toEqual([
      [0, 4 * MiB, true],
      [4 * MiB, 4 * MiB, false],
      [8 * MiB, 2 * MiB + 5, true],
    ]);
    // Each chunk says which of its bytes were read.
    expect(yielded.map((c) => c.extents)).toEqual([
      [
        [3 * MiB, 3 * MiB + 8 * KiB],
        [3 * MiB + 96 * KiB, 3 * MiB + 104 * KiB],
      ],
      [],
      [[2 * MiB + 5 - 4096, 2 * MiB + 5]],
    ]);
    // Extents closer than 64 KiB are read together; nothing else is read.
    expect(reads).toEqual([
      [3 * MiB, 3 * MiB + 8 * KiB],
      [3 * MiB + 96 * KiB, 3 * MiB + 104 * KiB],
      [size - 4096, size],
    ]);
  });

  it('with small chunks coalesces long holes up to the chunk boundary before the next data', async () => {
    const { fh } = fakeFile(content);
    const { image, yielded } = await collect(readChunks(fh, size, 64 * KiB, DataMap.of(extents, size)), size);
    expect(image.equals(content)).toBe(true);
    expect(yielded[0]).toMatchObject({ position: 0, length: 3 * MiB, data: null });
    expect(yielded.filter((c) => c.data).map((c) => c.position)).toEqual([3 * MiB, 3 * MiB + 64 * KiB, 10 * MiB - 64 * KiB, 10 * MiB]);
  });

  it('yields a file that is all hole as one chunk, without reading', async () => {
    const { fh, reads } = fakeFile(Buffer.alloc(9 * MiB));
    const { yielded } = await collect(readChunks(fh, 9 * MiB, 4 * MiB, DataMap.of([], 9 * MiB)), 9 * MiB);
    expect(yielded).toEqual([{ position: 0, length: 9 * MiB, data: null, extents: [] }]);
    expect(reads).toEqual([]);
  });

  it('reads into pooled buffers, gives them back, and old bytes in them never show', async () => {
    // Buffers another copy left behind, full of its data.
    const stale = [readBuffers.take(4 * MiB), readBuffers.take(4 * MiB)];
    for (const buf of stale) buf.fill(0xaa);
    for (const buf of stale) readBuffers.give(buf);
    const idle = readBuffers.idleSize;

    const { fh } = fakeFile(content);
    const { image, yielded } = await collect(readChunks(fh, size, 4 * MiB, DataMap.of(extents, size)), size);
    expect(image.equals(content)).toBe(true);
    // Every block that holds read bytes is the file's, whole: what dataRuns compares.
    for (const { data, position, extents: read } of yielded.filter((c) => c.data)) {
      for (const [start, end] of read) {
        const from = Math.floor(start / HOLE_GRANULARITY) * HOLE_GRANULARITY;
        const to = Math.min(Math.ceil(end / HOLE_GRANULARITY) * HOLE_GRANULARITY, data!.length);
        expect(data!.subarray(from, to).equals(content.subarray(position + from, position + to))).toBe(true);
      }
    }
    // The reads went into the stale buffers, which are back in the pool once the reading is done.
    const used = new Set<ArrayBufferLike>();
    let idleWhileReading = 0;
    for await (const chunk of readChunks(fakeFile(content).fh, size, 4 * MiB, DataMap.of(extents, size))) {
      if (chunk.data) used.add(chunk.data.buffer);
      idleWhileReading = Math.max(idleWhileReading, readBuffers.idleSize);
    }
    expect(used).toEqual(new Set(stale.map((b) => b.buffer)));
    expect(idleWhileReading).toBe(idle - 4 * MiB);
    expect(readBuffers.idleSize).toBe(idle);

    // A file smaller than a chunk reads into a buffer of its own size, outside the pool.
    const small = Buffer.alloc(MiB, 5);
    let smallUsed: ArrayBufferLike | undefined;
    for await (const chunk of readChunks(fakeFile(small).fh, MiB, 4 * MiB)) smallUsed = chunk.data!.buffer;
    expect(stale.map((b) => b.buffer)).not.toContain(smallUsed);
    expect(readBuffers.idleSize).toBe(idle);
  });

  it('rejects when the file ends early', async () => {
    const { fh } = fakeFile(Buffer.alloc(MiB));
    await expect(collect(readChunks(fh, 2 * MiB, 4 * MiB), 2 * MiB)).rejects.toMatchObject({ code: 'STORAGE_IO' });
  });
});
