import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageChecksum as checksumImage, type ImageChecksumOptions } from './image-checksum.js';
import { sparseCopy } from './sparse-copy.js';
import { StorageError } from './storage-error.js';
import { allocatedBytes, KiB, makeTempDir, MiB, referenceChecksum, writeSparseFile } from './testing/image-fixtures.js';

// Every scenario runs with the native addon (holes found with SEEK_DATA/SEEK_HOLE and not read)
// and with the portable path that reads them: the checksums must be the same.
describe.each([
  { mode: 'native addon', native: true },
  { mode: 'fallback, holes read', native: false },
])('imageChecksum ($mode)', ({ native }) => {
  const imageChecksum = (path: string, opts: ImageChecksumOptions = {}) => checksumImage(path, { ...opts, native });
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());

  it('matches the reference definition and the checksum sparseCopy reported', async () => {
    const src = join(dir, 'src.img');
    const size = 21 * MiB + 3;
    await writeSparseFile(src, size, [
      { offset: 2 * MiB, data: randomBytes(5 * MiB) },
      { offset: 20 * MiB + 7, data: randomBytes(KiB) },
    ]);
    const copy = await sparseCopy(src, join(dir, 'dst.img'), { native });
    const result = await imageChecksum(join(dir, 'dst.img'));
    expect(result).toEqual({ checksum: referenceChecksum(src), bytes: size, allocatedBytes: copy.allocatedBytes });
    expect(result.checksum).toBe(copy.checksum);
  });

  it('detects a single changed byte', async () => {
    const path = join(dir, 'a.img');
    await writeSparseFile(path, 8 * MiB, [{ offset: MiB, data: Buffer.alloc(10, 1) }]);
    const before = await imageChecksum(path);
    await writeSparseFile(path, 8 * MiB, [{ offset: 6 * MiB, data: Buffer.from([1]) }]);
    const after = await imageChecksum(path);
    expect(after.checksum).not.toBe(before.checksum);
    expect(after.checksum).toBe(referenceChecksum(path));
  });

  it('hashes holes, empty files and reports allocation', async () => {
    const holes = join(dir, 'holes.img');
    await writeSparseFile(holes, 12 * MiB + 1, []);
    expect(await imageChecksum(holes)).toEqual({
      checksum: referenceChecksum(holes),
      bytes: 12 * MiB + 1,
      allocatedBytes: await allocatedBytes(holes),
    });
    const empty = join(dir, 'empty.img');
    await writeFile(empty, '');
    expect((await imageChecksum(empty)).checksum).toBe(referenceChecksum(empty));
  });

  it('fails permanently for a missing image', async () => {
    const error = await imageChecksum(join(dir, 'nope.img')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'STORAGE_SOURCE_MISSING', permanent: true });
  });
});
