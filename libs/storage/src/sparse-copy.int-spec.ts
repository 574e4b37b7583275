import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleTempFiles } from './remove-stale-temp-files.js';
import { nativeExtentsAvailable } from './native-extents.js';
import { sparseCopy as copyImage, type SparseCopyOptions } from './sparse-copy.js';
import { StorageError } from './storage-error.js';
import {
  allocatedBytes,
  firstDifference,
  GiB,
  KiB,
  makeTempDir,
  MiB,
  referenceChecksum,
  writeSparseFile,
} from './testing/image-fixtures.js';

// Every scenario runs twice: with the native addon (SEEK_DATA/SEEK_HOLE, copy_file_range) and with
// the portable path it falls back to. Both must produce the same bytes, holes and checksums.
describe.each([
  { mode: 'native addon', native: true },
  { mode: 'fallback, holes read', native: false },
])('sparseCopy ($mode)', ({ native }) => {
  const sparseCopy = (from: string, to: string, opts: SparseCopyOptions = {}) => copyImage(from, to, { ...opts, native });
  let dir: string;
  let cleanup: () => Promise<void>;
  let src: string;
  let dst: string;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    src = join(dir, 'src.img');
    dst = join(dir, 'dst.img');
  });
  afterEach(() => cleanup());

  it.runIf(native)('uses the native addon here (built by npm install, or `node scripts/build-native.mjs`)', () => {
    expect(nativeExtentsAvailable(), 'libs/storage/native is not built: run node scripts/build-native.mjs').toBe(true);
  });

  it('copies a 1 GiB image with 64 MiB of data into an identical, equally sparse file', async () => {
    // Unaligned extents straddle 4 MiB chunk boundaries; the last one ends short of a chunk end.
    const extents = [
      { offset: 0, data: randomBytes(16 * MiB) },
      { offset: 100 * MiB + 12_345, data: randomBytes(8 * MiB) },
      { offset: 512 * MiB, data: randomBytes(24 * MiB) },
      { offset: 800 * MiB + 3 * 4 * KiB, data: randomBytes(12 * MiB) },
      { offset: GiB - 4 * MiB - 1000, data: randomBytes(4 * MiB) },
    ];
    const dataBytes = extents.reduce((n, e) => n + e.data.length, 0);
    expect(dataBytes).toBe(64 * MiB);
    await writeSparseFile(src, GiB, extents);

    const result = await sparseCopy(src, dst);

    expect(result.bytes).toBe(GiB);
    expect((await stat(dst)).size).toBe(GiB);
    expect(firstDifference(src, dst)).toBe(-1);
    expect(result.allocatedBytes).toBe(await allocatedBytes(dst));
    expect(result.allocatedBytes).toBeGreaterThanOrEqual(dataBytes);
    expect(result.allocatedBytes).toBeLessThan(2 * dataBytes);
    expect(result.checksum).toBe(referenceChecksum(src));
  });

  it('gives the same bytes, holes and checksum when it flushes to disk as it goes', async () => {
    // Write-back every 256 KiB: many background fdatasyncs during a copy of 24 MiB of data.
    await writeSparseFile(src, 64 * MiB, [
      { offset: 0, data: randomBytes(8 * MiB) },
      { offset: 20 * MiB + 4 * KiB, data: randomBytes(16 * MiB) },
    ]);
    const result = await sparseCopy(src, dst, { writebackBytes: 256 * KiB });
    expect(firstDifference(src, dst)).toBe(-1);
    expect(result.checksum).toBe(referenceChecksum(src));
    expect(result.allocatedBytes).toBeLessThan(32 * MiB);
  });

  it('keeps zero regions inside data chunks as holes', async () => {
    // One 4 MiB chunk with 4 KiB of data at each end: only two 64 KiB blocks need writing.
    await writeSparseFile(src, 4 * MiB, [
      { offset: 0, data: Buffer.alloc(4 * KiB, 1) },
      { offset: 4 * MiB - 4 * KiB, data: Buffer.alloc(4 * KiB, 2) },
    ]);
    // Fill the middle with explicit zeros so the source itself is dense.
    await writeSparseFile(join(dir, 'dense.img'), 4 * MiB, [{ offset: 0, data: await readFile(src) }]);
    const result = await sparseCopy(join(dir, 'dense.img'), dst);
    expect(await allocatedBytes(join(dir, 'dense.img'))).toBeGreaterThanOrEqual(4 * MiB);
    expect(result.allocatedBytes).toBeLessThanOrEqual(2 * 64 * KiB);
    expect(firstDifference(src, dst)).toBe(-1);
  });

  it('copies an all-hole image without allocating anything', async () => {
    await writeSparseFile(src, 256 * MiB, []);
    const result = await sparseCopy(src, dst);
    expect(result.bytes).toBe(256 * MiB);
    expect((await stat(dst)).size).toBe(256 * MiB);
    expect(result.allocatedBytes).toBeLessThanOrEqual(16 * KiB);
    expect(result.checksum).toBe(referenceChecksum(src));
  });

  it('copies an empty (0-byte) image', async () => {
    await writeFile(src, '');
    const result = await sparseCopy(src, dst);
    expect(result).toMatchObject({ bytes: 0, checksum: referenceChecksum(src) });
    expect((await stat(dst)).size).toBe(0);
  });

  it('handles a size that is not a multiple of 4 MiB, with data in the short last chunk', async () => {
    const size = 9 * MiB + 777;
    await writeSparseFile(src, size, [
      { offset: 3 * MiB, data: randomBytes(2 * MiB) },
      { offset: 8 * MiB + 100, data: randomBytes(MiB + 600) },
    ]);
    for (const chunkSize of [undefined, 64 * KiB, 8 * MiB]) {
      const result = await sparseCopy(src, dst, { chunkSize });
      expect(result.bytes).toBe(size);
      expect((await stat(dst)).size).toBe(size);
      expect(firstDifference(src, dst)).toBe(-1);
      expect(result.checksum).toBe(referenceChecksum(src));
    }
  });

  it('reports monotonic progress that ends exactly once at (total, total)', async () => {
    const size = 8 * MiB + 5;
    await writeSparseFile(src, size, [{ offset: MiB, data: randomBytes(MiB) }]);
    const calls: Array<[number, number]> = [];
    await sparseCopy(src, dst, {
      chunkSize: 64 * KiB,
      progressIntervalMs: 0,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.every(([, total]) => total === size)).toBe(true);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
    expect(calls.at(-1)).toEqual([size, size]);
    expect(calls.filter(([done]) => done === size)).toHaveLength(1);
  });

  it('rate-limits progress to one call per ~100 ms by default', async () => {
    await writeSparseFile(src, 256 * MiB, [{ offset: 0, data: randomBytes(MiB) }]);
    let calls = 0;
    const start = performance.now();
    await sparseCopy(src, dst, { chunkSize: 64 * KiB, onProgress: () => calls++ });
    const elapsed = performance.now() - start;
    expect(calls).toBeGreaterThanOrEqual(1);
    // Each intermediate call (all but the final one) comes at least 100 ms after the previous one (or the
    // start) on the reporter's clock, so n of them take at least n × 100 ms. Counted rather than timed in
    // the callback: a preempted callback would see a shorter gap than the reporter measured.
    expect(calls - 1).toBeLessThanOrEqual(Math.floor(elapsed / 100));
  });

  it('can be re-run over an existing destination with the same result', async () => {
    await writeSparseFile(src, 20 * MiB, [{ offset: 5 * MiB, data: randomBytes(3 * MiB) }]);
    const first = await sparseCopy(src, dst);
    const second = await sparseCopy(src, dst);
    expect(second).toEqual(first);
    expect(firstDifference(src, dst)).toBe(-1);
    expect((await readdir(dir)).sort()).toEqual(['dst.img', 'src.img']);
  });

  it('leaves temp files of a crashed copy for removeStaleTempFiles, and a re-run still succeeds', async () => {
    await writeSparseFile(src, 8 * MiB, [{ offset: 0, data: randomBytes(MiB) }]);
    const leftover = `${dst}.tmp-deadbeef0001`;
    await writeFile(leftover, 'partial copy');
    const result = await sparseCopy(src, dst);
    expect(result.checksum).toBe(referenceChecksum(src));
    expect(await removeStaleTempFiles(dir)).toEqual([leftover]);
    expect((await readdir(dir)).sort()).toEqual(['dst.img', 'src.img']);
  });

  it('fails permanently for a missing source and creates nothing', async () => {
    const error = await sparseCopy(join(dir, 'missing.img'), dst).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'STORAGE_SOURCE_MISSING', permanent: true });
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails transiently and removes its temp file when the destination cannot be replaced', async () => {
    await writeSparseFile(src, MiB, [{ offset: 0, data: randomBytes(KiB) }]);
    await mkdir(join(dst, 'occupied'), { recursive: true }); // rename() cannot replace a non-empty directory
    const error = await sparseCopy(src, dst).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'STORAGE_IO', permanent: false });
    expect((await readdir(dir)).sort()).toEqual(['dst.img', 'src.img']);
    expect(await readdir(dst)).toEqual(['occupied']);
  });

  it('stops when aborted mid-copy and leaves no destination or temp file', async () => {
    await writeSparseFile(src, 16 * MiB, [{ offset: 0, data: randomBytes(MiB) }]);
    const controller = new AbortController();
    let calls = 0;
    const error = await sparseCopy(src, dst, {
      chunkSize: 64 * KiB,
      progressIntervalMs: 0,
      onProgress: () => {
        calls++;
        controller.abort();
      },
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(1);
    expect(await readdir(dir)).toEqual(['src.img']);
  });

  it('does not start when already aborted', async () => {
    await writeSparseFile(src, MiB, []);
    await expect(sparseCopy(src, dst, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readdir(dir)).toEqual(['src.img']);
  });

  it('rejects a chunk size that is not a multiple of 64 KiB, a write-back interval that is not positive, and copying onto itself', async () => {
    await writeSparseFile(src, MiB, []);
    await expect(sparseCopy(src, dst, { chunkSize: 1000 })).rejects.toMatchObject({ code: 'STORAGE_INVALID_ARGUMENT' });
    await expect(sparseCopy(src, dst, { writebackBytes: 0 })).rejects.toMatchObject({ code: 'STORAGE_INVALID_ARGUMENT' });
    await expect(sparseCopy(src, src)).rejects.toMatchObject({ code: 'STORAGE_INVALID_ARGUMENT' });
    expect(await readdir(dir)).toEqual(['src.img']);
  });
});
