import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinderClient } from '../support/cinder-client.js';
import { eventually, startStack, type RunningStack } from '../support/stack.js';

const PROJECT = 'e9a10c2eba2c4af04d3f9e9d0d410b37';

/** Quotas hold exactly under 200 concurrent creates, over HTTP against the real processes. */
describe('snapshot quota under concurrency', () => {
  let stack: RunningStack;
  let api: ReturnType<typeof cinderClient>;
  let db: pg.Client;
  const p = `/v3/${PROJECT}`;

  beforeAll(async () => {
    stack = await startStack();
    api = cinderClient(stack.baseUrl, `quota-user:${PROJECT}`);
    db = new pg.Client({ connectionString: stack.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  it('admits exactly the quota out of 200 concurrent snapshot creates; the rest get 413 overLimit with Retry-After', async () => {
    const set = await api('PUT', `${p}/os-quota-sets/${PROJECT}`, { quota_set: { snapshots: 37, gigabytes: 1000 } });
    expect(set.status).toBe(200);
    const v = await api('POST', `${p}/volumes`, { volume: { size: 1 } });
    const volumeId = v.body.volume.id;
    await eventually(async () => (await api('GET', `${p}/volumes/${volumeId}`)).body.volume.status === 'available');

    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId, name: `q${i}` } })),
    );
    const admitted = replies.filter((r) => r.status === 202);
    const refused = replies.filter((r) => r.status === 413);
    expect(admitted).toHaveLength(37);
    expect(refused).toHaveLength(163);
    expect(refused[0]!.body.overLimit.message).toBe('SnapshotLimitExceeded: Maximum number of snapshots allowed (37) exceeded');
    expect(refused.every((r) => r.headers.get('retry-after') === '0')).toBe(true);

    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM events WHERE type = 'snapshot.requested.v1' AND metadata->>'projectId' = $1`,
      [PROJECT],
    );
    expect(rows[0].n).toBe(37);
    const usage = await api('GET', `${p}/os-quota-sets/${PROJECT}?usage=true`);
    expect(usage.body.quota_set.snapshots).toMatchObject({ limit: 37, in_use: 37 });
  });
});
