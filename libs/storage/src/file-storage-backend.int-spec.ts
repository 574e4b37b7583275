import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStorageBackend } from './file-storage-backend.js';
import { StorageError } from './storage-error.js';
import { allocatedBytes, firstDifference, GiB, makeTempDir, MiB, referenceChecksum, writeSparseFile } from './testing/image-fixtures.js';

describe('FileStorageBackend', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let backend: FileStorageBackend;
  const volumeId = randomUUID();
  const snapshotId = randomUUID();

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    backend = new FileStorageBackend(join(dir, 'data'));
  });
  afterEach(() => cleanup());

  it('allocates a thin volume under volumes/, idempotently', async () => {
    await backend.allocateVolume(volumeId, 2);
    const path = backend.volumePath(volumeId);
    expect(path).toBe(join(dir, 'data', 'volumes', `${volumeId}.img`));
    expect((await stat(path)).size).toBe(2 * GiB);
    expect(await allocatedBytes(path)).toBeLessThanOrEqual(16 * 1024);
    await backend.allocateVolume(volumeId, 2);
    await expect(backend.allocateVolume(volumeId, 3)).rejects.toMatchObject({ code: 'STORAGE_CONFLICT', permanent: true });
  });

  it('snapshots a volume into an independent sparse copy that outlives the volume', async () => {
    await backend.allocateVolume(volumeId, 1);
    const volume = backend.volumePath(volumeId);
    await writeSparseFile(volume, GiB, [{ offset: 300 * MiB + 5, data: randomBytes(2 * MiB) }]);
    const progress: number[] = [];

    const result = await backend.createSnapshot(volumeId, snapshotId, { onProgress: (done) => progress.push(done) });

    const snapshot = backend.snapshotPath(snapshotId);
    expect(snapshot).toBe(join(dir, 'data', 'snapshots', `${snapshotId}.img`));
    expect(firstDifference(volume, snapshot)).toBe(-1);
    expect(result).toEqual({ bytes: GiB, allocatedBytes: await allocatedBytes(snapshot), checksum: referenceChecksum(volume) });
    expect(result.allocatedBytes).toBeLessThan(4 * MiB);
    expect(progress.at(-1)).toBe(GiB);

    await backend.deleteVolume(volumeId);
    await expect(stat(volume)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(referenceChecksum(snapshot)).toBe(result.checksum);
  });

  it('fails permanently when the volume is missing, leaving snapshots/ empty', async () => {
    const error = await backend.createSnapshot(randomUUID(), snapshotId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'STORAGE_SOURCE_MISSING', permanent: true });
    expect(await readdir(join(dir, 'data', 'snapshots'))).toEqual([]);
  });

  it('deletes snapshots and volumes idempotently', async () => {
    await backend.allocateVolume(volumeId, 1);
    await backend.createSnapshot(volumeId, snapshotId);
    await backend.deleteSnapshot(snapshotId);
    await backend.deleteSnapshot(snapshotId);
    await backend.deleteVolume(volumeId);
    await backend.deleteVolume(volumeId);
    await backend.deleteVolume(randomUUID());
    expect(await readdir(join(dir, 'data', 'snapshots'))).toEqual([]);
    expect(await readdir(join(dir, 'data', 'volumes'))).toEqual([]);
  });

  it('removes stale temp files from both directories', async () => {
    await backend.allocateVolume(volumeId, 1);
    await backend.createSnapshot(volumeId, snapshotId);
    const stale = [`${backend.volumePath(volumeId)}.tmp-aa`, `${backend.snapshotPath(snapshotId)}.tmp-bb`];
    for (const p of stale) await writeFile(p, 'partial');
    expect((await backend.removeStaleTempFiles()).sort()).toEqual(stale.sort());
    expect(await readdir(join(dir, 'data', 'volumes'))).toEqual([`${volumeId}.img`]);
    expect(await readdir(join(dir, 'data', 'snapshots'))).toEqual([`${snapshotId}.img`]);
  });
});
