import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageChecksum } from '#ember/storage';
import { cinderClient } from '../support/cinder-client.js';
import { eventually, startStack, type RunningStack } from '../support/stack.js';

const PROJECT = 'c0ffee2eba2c4af04d3f9e9d0d410b37';
const MiB = 1024 * 1024;
const v340 = { 'OpenStack-API-Version': 'volume 3.40' };

/** Data survives snapshot → restore → revert byte for byte, with the checksum guarding every copy. */
describe('restore and revert', () => {
  let stack: RunningStack;
  let api: ReturnType<typeof cinderClient>;
  const p = `/v3/${PROJECT}`;

  beforeAll(async () => {
    stack = await startStack();
    api = cinderClient(stack.baseUrl, `restore-user:${PROJECT}`);
  });
  afterAll(async () => stack?.stop());

  const volumePath = (id: string) => join(stack.dataDir, 'volumes', `${id}.img`);
  /** Whole-image content hash (Ember's chunked sha256; holes hash as zeros). */
  const digest = async (path: string) => (await imageChecksum(path)).checksum;
  async function write(volumeId: string, offset: number, data: Buffer) {
    const fh = await open(volumePath(volumeId), 'r+');
    await fh.write(data, 0, data.length, offset);
    await fh.close();
  }
  async function availableVolume(body: Record<string, unknown>): Promise<string> {
    const r = await api('POST', `${p}/volumes`, { volume: body });
    expect(r.status).toBe(202);
    const id = r.body.volume.id;
    await eventually(async () => (await api('GET', `${p}/volumes/${id}`)).body.volume.status === 'available');
    return id;
  }
  async function availableSnapshot(volumeId: string): Promise<string> {
    const r = await api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId } });
    const id = r.body.snapshot.id;
    await eventually(async () => (await api('GET', `${p}/snapshots/${id}`)).body.snapshot.status === 'available');
    return id;
  }

  it('restores a snapshot into a new (larger) volume and clones a volume, byte for byte', async () => {
    const source = await availableVolume({ size: 1 });
    await write(source, 10 * MiB, randomBytes(4 * MiB));
    const snap = await availableSnapshot(source);
    const snapDigest = await digest(join(stack.dataDir, 'snapshots', `${snap}.img`));

    const restored = await availableVolume({ snapshot_id: snap });
    const shown = (await api('GET', `${p}/volumes/${restored}`)).body.volume;
    expect(shown).toMatchObject({ size: 1, snapshot_id: snap });
    expect(await digest(volumePath(restored))).toBe(snapDigest);

    const bigger = await availableVolume({ snapshot_id: snap, size: 2 });
    const head = Buffer.alloc(16 * MiB);
    const fh = await open(volumePath(bigger), 'r');
    await fh.read(head, 0, head.length, 0);
    await fh.close();
    const orig = Buffer.alloc(16 * MiB);
    const fo = await open(volumePath(source), 'r');
    await fo.read(orig, 0, orig.length, 0);
    await fo.close();
    expect(head.equals(orig)).toBe(true);

    const smaller = await api('POST', `${p}/volumes`, { volume: { snapshot_id: snap, size: 0 } });
    expect(smaller.status).toBe(400);

    const clone = await availableVolume({ source_volid: source });
    expect((await api('GET', `${p}/volumes/${clone}`)).body.volume.source_volid).toBe(source);
    expect(await digest(volumePath(clone))).toBe(await digest(volumePath(source)));
  });

  it('reverts a volume to its latest snapshot (3.40): the volume is reverting, the snapshot restoring, then both available', async () => {
    const volume = await availableVolume({ size: 1 });
    await write(volume, 0, Buffer.from('before the snapshot'));
    const older = await availableSnapshot(volume);
    await write(volume, 0, Buffer.from('second state.......'));
    const latest = await availableSnapshot(volume);
    const latestDigest = await digest(join(stack.dataDir, 'snapshots', `${latest}.img`));
    await write(volume, 0, Buffer.from('after, to be undone'));

    expect((await api('POST', `${p}/volumes/${volume}/action`, { revert: { snapshot_id: latest } })).status).toBe(404);
    const notLatest = await api('POST', `${p}/volumes/${volume}/action`, { revert: { snapshot_id: older } }, v340);
    expect(notLatest.status).toBe(400);

    const [a, b] = await Promise.all([
      api('POST', `${p}/volumes/${volume}/action`, { revert: { snapshot_id: latest } }, v340),
      api('POST', `${p}/volumes/${volume}/action`, { revert: { snapshot_id: latest } }, v340),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    await eventually(async () => (await api('GET', `${p}/volumes/${volume}`)).body.volume.status === 'available');
    expect((await api('GET', `${p}/snapshots/${latest}`)).body.snapshot.status).toBe('available');
    expect(await digest(volumePath(volume))).toBe(latestDigest);
  });

  it('refuses to restore from a snapshot whose image was altered (checksum mismatch → volume error)', async () => {
    const volume = await availableVolume({ size: 1 });
    await write(volume, MiB, randomBytes(MiB));
    const snap = await availableSnapshot(volume);
    const fh = await open(join(stack.dataDir, 'snapshots', `${snap}.img`), 'r+');
    const byte = Buffer.alloc(1);
    await fh.read(byte, 0, 1, MiB + 7);
    byte[0] = byte[0]! ^ 0xff;
    await fh.write(byte, 0, 1, MiB + 7);
    await fh.close();
    const r = await api('POST', `${p}/volumes`, { volume: { snapshot_id: snap } });
    await eventually(async () => (await api('GET', `${p}/volumes/${r.body.volume.id}`)).body.volume.status === 'error');
  });
});
