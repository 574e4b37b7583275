import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyRange, dataExtents, nativeExtentsAvailable } from './native-extents.js';
import { KiB, makeTempDir, MiB, writeSparseFile } from './testing/image-fixtures.js';

/** Opens `path` for the duration of `fn`. */
async function withFd<T>(path: string, flags: string, fn: (fd: number) => Promise<T> | T): Promise<T> {
  const fh = await open(path, flags);
  try {
    return await fn(fh.fd);
  } finally {
    await fh.close();
  }
}

describe.runIf(nativeExtentsAvailable())('native addon', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());

  describe('dataExtents', () => {
    it('reports the data extents of a sparse file, sorted, disjoint, covering every non-zero byte', async () => {
      const path = join(dir, 'a.img');
      const size = 64 * MiB + 3;
      await writeSparseFile(path, size, [
        { offset: 5, data: randomBytes(10) },
        { offset: 10 * MiB + 4097, data: randomBytes(3 * MiB) },
        { offset: 40 * MiB, data: randomBytes(64 * KiB) },
        { offset: size - 1, data: Buffer.from([1]) },
      ]);
      const extents = await withFd(path, 'r', (fd) => dataExtents(fd, 0, size));
      expect(extents).not.toBeNull();
      for (let i = 0; i < extents!.length; i++) {
        const [s, e] = extents![i];
        expect(s).toBeLessThan(e);
        if (i > 0) expect(s).toBeGreaterThan(extents![i - 1][1]);
      }
      expect(extents![0][0]).toBe(0);
      expect(extents!.at(-1)![1]).toBe(size);
      // Holes: all zeros, and most of the file (a filesystem without SEEK_DATA would say "all data").
      const content = await readFile(path);
      let holeBytes = 0;
      let pos = 0;
      for (const [s, e] of [...extents!, [size, size]]) {
        expect(content.subarray(pos, s).equals(Buffer.alloc(s - pos))).toBe(true);
        holeBytes += s - pos;
        pos = e;
      }
      expect(holeBytes).toBeGreaterThan(size / 2);
    });

    it('clips to the range asked for and is empty for holes', async () => {
      const path = join(dir, 'b.img');
      await writeSparseFile(path, 32 * MiB, [{ offset: 8 * MiB, data: randomBytes(MiB) }]);
      await withFd(path, 'r', (fd) => {
        expect(dataExtents(fd, 8 * MiB + 100, 8 * MiB + 200)).toEqual([[8 * MiB + 100, 8 * MiB + 200]]);
        expect(dataExtents(fd, 0, 4 * MiB)).toEqual([]);
        expect(dataExtents(fd, 16 * MiB, 32 * MiB)).toEqual([]);
        expect(dataExtents(fd, 40 * MiB, 50 * MiB)).toEqual([]); // past the end
        expect(dataExtents(fd, 5, 5)).toEqual([]);
      });
    });

    it('counts allocated but unwritten extents as data or hole, never as anything else', async () => {
      const path = join(dir, 'c.img');
      await writeSparseFile(path, 16 * MiB, []);
      try {
        execFileSync('fallocate', ['-o', String(4 * MiB), '-l', String(MiB), path]);
      } catch {
        return; // no fallocate(1), or the filesystem cannot preallocate
      }
      const extents = await withFd(path, 'r', (fd) => dataExtents(fd, 0, 16 * MiB));
      for (const [s, e] of extents!) {
        expect(s).toBeGreaterThanOrEqual(4 * MiB);
        expect(e).toBeLessThanOrEqual(5 * MiB);
      }
    });

    it('throws a system error with a code for a bad descriptor, and a TypeError for bad arguments', async () => {
      expect(() => dataExtents(1_000_000, 0, 10)).toThrow(expect.objectContaining({ code: 'EBADF', syscall: 'lseek' }));
      expect(() => dataExtents(0, 10, 5)).toThrow(TypeError);
    });
  });

  describe('copyRange', () => {
    it('copies a range to the same offset of another file', async () => {
      const src = join(dir, 'src.img');
      const dst = join(dir, 'dst.img');
      const data = randomBytes(3 * MiB + 5);
      await writeSparseFile(src, 8 * MiB, [{ offset: MiB, data }]);
      await writeSparseFile(dst, 0, []);
      const copied = await withFd(src, 'r', (s) => withFd(dst, 'r+', (d) => copyRange(s, d, MiB + 7, data.length - 7)));
      expect(copied).toBe(data.length - 7);
      const out = await readFile(dst);
      expect(out.length).toBe(MiB + data.length);
      expect(out.subarray(0, MiB + 7).equals(Buffer.alloc(MiB + 7))).toBe(true);
      expect(out.subarray(MiB + 7).equals(data.subarray(7))).toBe(true);
    });

    it('copies less than asked when the source ends early', async () => {
      const src = join(dir, 'src.img');
      const dst = join(dir, 'dst.img');
      await writeSparseFile(src, 100, [{ offset: 0, data: Buffer.alloc(100, 1) }]);
      await writeSparseFile(dst, 0, []);
      expect(await withFd(src, 'r', (s) => withFd(dst, 'r+', (d) => copyRange(s, d, 50, 1000)))).toBe(50);
    });

    it('rejects with a system error code', async () => {
      const src = join(dir, 'src.img');
      await writeSparseFile(src, 100, []);
      // Writing into a read-only descriptor.
      await expect(withFd(src, 'r', (s) => copyRange(s, s, 0, 10))).rejects.toMatchObject({ code: expect.stringMatching(/^E[A-Z]+$/) });
      await expect(copyRange(1_000_000, 1_000_001, 0, 10)).rejects.toMatchObject({ code: 'EBADF', syscall: 'copy_file_range' });
    });
  });

  it.runIf(existsSync('/dev/shm'))('maps files on tmpfs too', async () => {
    const shm = await makeTempDirIn('/dev/shm');
    try {
      const path = join(shm.dir, 'a.img');
      await writeSparseFile(path, 16 * MiB, [{ offset: 4 * MiB, data: randomBytes(4 * KiB) }]);
      const extents = await withFd(path, 'r', (fd) => dataExtents(fd, 0, 16 * MiB));
      expect(extents!.length).toBeGreaterThanOrEqual(1);
      expect(extents![0][0]).toBeLessThanOrEqual(4 * MiB);
      expect(extents!.at(-1)![1]).toBeGreaterThanOrEqual(4 * MiB + 4 * KiB);
    } finally {
      await shm.cleanup();
    }
  });
});

async function makeTempDirIn(parent: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const dir = await mkdtemp(join(parent, 'ember-storage-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
