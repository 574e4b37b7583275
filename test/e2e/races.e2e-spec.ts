import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinderClient } from '../support/cinder-client.js';
import { eventually, startStack, type RunningStack } from '../support/stack.js';

const PROJECT = 'ace0c2eba2c4af04d3f9e9d0d410b371';
const v340 = { 'OpenStack-API-Version': 'volume 3.40' };

/** Concurrent requests on real processes: the outcomes are ordered, never half-applied. */
describe('races between volume and snapshot operations', () => {
  let stack: RunningStack;
  let api: ReturnType<typeof cinderClient>;
  const p = `/v3/${PROJECT}`;

  beforeAll(async () => {
    stack = await startStack();
    api = cinderClient(stack.baseUrl, `race-user:${PROJECT}`);
    await api('PUT', `${p}/os-quota-sets/${PROJECT}`, { quota_set: { snapshots: -1, volumes: -1, gigabytes: -1 } });
  });
  afterAll(async () => stack?.stop());

  async function availableVolume(): Promise<string> {
    const r = await api('POST', `${p}/volumes`, { volume: { size: 1 } });
    await eventually(async () => (await api('GET', `${p}/volumes/${r.body.volume.id}`)).body.volume.status === 'available');
    return r.body.volume.id;
  }
  const files = async (dir: string) => readdir(join(stack.dataDir, dir)).catch(() => [] as string[]);

  it('deleting a volume (cascade) while snapshots of it are being created leaves no orphan', async () => {
    for (let round = 0; round < 3; round++) {
      const volumeId = await availableVolume();
      const creates = Array.from({ length: 8 }, (_, i) => api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId, name: `race-${i}` } }));
      const deletion = api('DELETE', `${p}/volumes/${volumeId}?cascade=true`);
      const [deleted, ...created] = await Promise.all([deletion, ...creates]);
      const admitted = created.filter((r) => r.status === 202).map((r) => r.body.snapshot.id as string);
      // A refused create was refused because the volume was being deleted.
      for (const r of created.filter((c) => c.status !== 202)) expect(r.body.badRequest.message).toContain('deleting');
      if (deleted.status === 400) {
        // Cinder's cascade rule: a snapshot still being created blocks the delete. Once they are all
        // available, the same delete goes through.
        expect(admitted.length).toBeGreaterThan(0);
        for (const id of admitted) {
          await eventually(async () => (await api('GET', `${p}/snapshots/${id}`)).body.snapshot.status === 'available');
        }
        expect((await api('DELETE', `${p}/volumes/${volumeId}?cascade=true`)).status).toBe(202);
      } else {
        expect(deleted.status).toBe(202);
      }
      await eventually(async () => (await api('GET', `${p}/volumes/${volumeId}`)).status === 404, 30_000);
      for (const id of admitted) expect((await api('GET', `${p}/snapshots/${id}`)).status).toBe(404);
      const left = await files('snapshots');
      expect(admitted.filter((id) => left.some((f) => f.startsWith(id)))).toEqual([]);
      expect((await files('volumes')).some((f) => f.startsWith(volumeId))).toBe(false);
    }
  });

  it('a snapshot requested during a revert is ordered with it: exactly one of the two goes through', async () => {
    for (let round = 0; round < 3; round++) {
      const volumeId = await availableVolume();
      const s = await api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId } });
      const snapshotId = s.body.snapshot.id;
      await eventually(async () => (await api('GET', `${p}/snapshots/${snapshotId}`)).body.snapshot.status === 'available');
      const [revert, snapshot] = await Promise.all([
        api('POST', `${p}/volumes/${volumeId}/action`, { revert: { snapshot_id: snapshotId } }, v340),
        api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId } }),
      ]);
      expect([revert.status, snapshot.status].sort()).toEqual([202, 400]);
      if (revert.status === 400) expect(revert.body.badRequest.message).toContain('not the latest one');
      if (snapshot.status === 400) expect(snapshot.body.badRequest.message).toContain('current status is: reverting');
      await eventually(async () => (await api('GET', `${p}/volumes/${volumeId}`)).body.volume.status === 'available');
    }
  });
});
