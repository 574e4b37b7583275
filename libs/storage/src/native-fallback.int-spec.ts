import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageChecksum } from './image-checksum.js';
import { dataExtents, nativeExtentsAvailable } from './native-extents.js';
import { sparseCopy } from './sparse-copy.js';
import {
  allocatedBytes,
  firstDifference,
  KiB,
  makeTempDir,
  MiB,
  referenceChecksum,
  writeSparseFile,
} from './testing/image-fixtures.js';

type Extent = { offset: number; data: Buffer };

/** Where the file's data is, as the filesystem reports it. */
async function holeMap(path: string): Promise<Array<[number, number]> | null> {
  const fh = await open(path, 'r');
  try {
    return dataExtents(fh.fd, 0, (await fh.stat()).size);
  } finally {
    await fh.close();
  }
}

/** Images whose layout stresses the hole map: extents across chunk edges, tiny fragments, zeros written as data. */
const scenarios: Array<{ name: string; size: number; extents: () => Extent[]; prepare?: (path: string) => Promise<void> }> = [
  {
    name: 'unaligned extents across 4 MiB boundaries, data in the short last chunk',
    size: 41 * MiB + 777,
    extents: () => [
      { offset: 0, data: randomBytes(100) },
      { offset: 4 * MiB - 3000, data: randomBytes(6000) },
      { offset: 13 * MiB + 12_345, data: randomBytes(5 * MiB) },
      { offset: 41 * MiB + 700, data: randomBytes(77) },
    ],
  },
  {
    name: 'many small fragments, some closer than 64 KiB, some further apart',
    size: 24 * MiB,
    extents: () =>
      Array.from({ length: 120 }, (_, i) => ({ offset: i * (i % 3 === 0 ? 200 : 60) * KiB + (i % 7), data: randomBytes(1 + (i % 5) * 1000) })),
  },
  {
    name: 'zeros written as data (allocated, not holes) next to real data',
    size: 20 * MiB,
    extents: () => [
      { offset: 2 * MiB, data: Buffer.alloc(6 * MiB) },
      { offset: 5 * MiB + 1, data: randomBytes(10) },
      { offset: 12 * MiB, data: Buffer.alloc(4 * MiB) },
    ],
  },
  {
    name: 'preallocated (unwritten) extents',
    size: 16 * MiB,
    extents: () => [{ offset: 9 * MiB, data: randomBytes(KiB) }],
    prepare: async (path) => {
      try {
        execFileSync('fallocate', ['-o', String(MiB), '-l', String(6 * MiB), path]);
        execFileSync('fallocate', ['-o', String(8 * MiB), '-l', String(4 * MiB), path]);
      } catch {
        // no fallocate(1) or no preallocation on this filesystem: a plain sparse file then
      }
    },
  },
  { name: 'all hole', size: 13 * MiB + 1, extents: () => [] },
  { name: 'dense', size: 9 * MiB + 4095, extents: () => [{ offset: 0, data: randomBytes(9 * MiB + 4095) }] },
  { name: 'empty', size: 0, extents: () => [] },
];

describe('native addon and fallback give the same copies and checksums', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());

  it('has the addon to compare with', () => {
    expect(nativeExtentsAvailable(), 'libs/storage/native is not built: run node scripts/build-native.mjs').toBe(true);
  });

  describe.each(scenarios)('$name', ({ size, extents, prepare }) => {
    it.each([undefined, 64 * KiB, 8 * MiB])('chunkSize %s', async (chunkSize) => {
      const src = join(dir, 'src.img');
      await writeSparseFile(src, size, extents());
      await prepare?.(src);
      const reference = referenceChecksum(src);

      const native = await sparseCopy(src, join(dir, 'native.img'), { chunkSize, native: true });
      const fallback = await sparseCopy(src, join(dir, 'fallback.img'), { chunkSize, native: false });

      expect(native.checksum).toBe(reference);
      expect(fallback.checksum).toBe(reference);
      expect(native.bytes).toBe(size);
      expect(fallback.bytes).toBe(size);
      expect(firstDifference(src, join(dir, 'native.img'))).toBe(-1);
      expect(firstDifference(join(dir, 'native.img'), join(dir, 'fallback.img'))).toBe(-1);
      // Same holes in the same places (st_blocks may differ by extent-tree blocks on a fragmented disk).
      expect(await holeMap(join(dir, 'native.img'))).toEqual(await holeMap(join(dir, 'fallback.img')));
      expect(Math.abs(native.allocatedBytes - fallback.allocatedBytes)).toBeLessThanOrEqual(64 * KiB);

      for (const path of [src, join(dir, 'native.img')]) {
        const viaNative = await imageChecksum(path, { native: true });
        const viaFallback = await imageChecksum(path, { native: false });
        expect(viaNative).toEqual(viaFallback);
        expect(viaNative.checksum).toBe(reference);
      }
    });
  });

  it.runIf(existsSync('/dev/shm'))('copies across filesystems (tmpfs to the data dir), where the kernel copy may be refused', async () => {
    const shm = await mkdtemp('/dev/shm/ember-storage-');
    try {
      const src = join(shm, 'src.img');
      await writeSparseFile(src, 12 * MiB, [
        { offset: MiB, data: randomBytes(2 * MiB) },
        { offset: 9 * MiB + 5, data: randomBytes(KiB) },
      ]);
      const result = await sparseCopy(src, join(dir, 'dst.img'), { native: true });
      expect(result.checksum).toBe(referenceChecksum(src));
      expect(firstDifference(src, join(dir, 'dst.img'))).toBe(-1);
      expect(result.allocatedBytes).toBe(await allocatedBytes(join(dir, 'dst.img')));
      expect((await readFile(join(dir, 'dst.img'))).length).toBe(12 * MiB);
    } finally {
      await rm(shm, { recursive: true, force: true });
    }
  });

  it('copies a 1-byte image the same way', async () => {
    await writeFile(join(dir, 'one.img'), Buffer.from([42]));
    const a = await sparseCopy(join(dir, 'one.img'), join(dir, 'a.img'), { native: true });
    const b = await sparseCopy(join(dir, 'one.img'), join(dir, 'b.img'), { native: false });
    expect(a).toEqual(b);
    expect(await readFile(join(dir, 'a.img'))).toEqual(Buffer.from([42]));
  });
});
