import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocateImage } from './allocate-image.js';
import { StorageError } from './storage-error.js';
import { allocatedBytes, GiB, KiB, makeTempDir, MiB, writeSparseFile } from './testing/image-fixtures.js';

describe('allocateImage', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let path: string;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    path = join(dir, 'vol.img');
  });
  afterEach(() => cleanup());

  it('creates a file of exactly the requested size with (almost) nothing allocated', async () => {
    const size = 10 * GiB + 4 * KiB + 1;
    await allocateImage(path, size);
    expect((await stat(path)).size).toBe(size);
    expect(await allocatedBytes(path)).toBeLessThanOrEqual(16 * KiB);
    expect(await readdir(dir)).toEqual(['vol.img']);
  });

  it('is idempotent and never touches data in an existing image of that size', async () => {
    await allocateImage(path, 8 * MiB);
    await writeSparseFile(path, 8 * MiB, [{ offset: MiB, data: Buffer.from('guest data') }]);
    const before = await readFile(path);
    await allocateImage(path, 8 * MiB);
    expect((await readFile(path)).equals(before)).toBe(true);
    expect(await readdir(dir)).toEqual(['vol.img']);
  });

  it('survives concurrent allocations of the same image', async () => {
    await Promise.all([1, 2, 3, 4].map(() => allocateImage(path, 4 * MiB)));
    expect((await stat(path)).size).toBe(4 * MiB);
    expect(await readdir(dir)).toEqual(['vol.img']);
  });

  it('refuses to resize or replace an existing image of another size', async () => {
    await writeFile(path, 'existing');
    const error = await allocateImage(path, MiB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'STORAGE_CONFLICT', permanent: true });
    expect(await readFile(path, 'utf8')).toBe('existing');
  });

  it('refuses a directory in the way and invalid sizes', async () => {
    await mkdir(path);
    await expect(allocateImage(path, MiB)).rejects.toMatchObject({ code: 'STORAGE_CONFLICT' });
    await expect(allocateImage(join(dir, 'b.img'), -1)).rejects.toMatchObject({ code: 'STORAGE_INVALID_ARGUMENT' });
    await expect(allocateImage(join(dir, 'c.img'), 1.5)).rejects.toMatchObject({ code: 'STORAGE_INVALID_ARGUMENT' });
    expect(await readdir(dir)).toEqual(['vol.img']);
  });

  it('fails transiently, without leftovers, when the directory does not exist', async () => {
    const error = await allocateImage(join(dir, 'missing-dir', 'x.img'), MiB).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORAGE_IO', permanent: false, sysCode: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });
});
