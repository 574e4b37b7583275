import { describe, expect, it } from 'vitest';
import { FileStorageBackend } from './file-storage-backend.js';
import { StorageError } from './storage-error.js';

describe('FileStorageBackend paths', () => {
  const backend = new FileStorageBackend('/srv/ember/data');
  const id = '3f1c2a9e-8d4b-4c1a-9f3e-2b7d6c5a4e10';

  it('lays images out under volumes/ and snapshots/', () => {
    expect(backend.volumePath(id)).toBe(`/srv/ember/data/volumes/${id}.img`);
    expect(backend.snapshotPath(id)).toBe(`/srv/ember/data/snapshots/${id}.img`);
  });

  it.each(['', '../etc/passwd', 'a/b', '.hidden', 'x.tmp-1', 'a b', 'x'.repeat(129)])('rejects unsafe id %j', (bad) => {
    for (const fn of [() => backend.volumePath(bad), () => backend.snapshotPath(bad)]) {
      expect(fn).toThrow(StorageError);
      expect(fn).toThrow(expect.objectContaining({ code: 'STORAGE_INVALID_ARGUMENT', permanent: true }));
    }
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 40])('rejects volume size %s GiB', async (size) => {
    await expect(backend.allocateVolume(id, size)).rejects.toMatchObject({ code: 'STORAGE_INVALID_ARGUMENT' });
  });
});
