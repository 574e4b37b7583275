import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStore, type AppendToStream } from '#ember/event-store';
import { DomainError } from '#ember/kernel';
import { SnapshotEvents } from '#ember/snapshots';
import { VolumeEvents } from '#ember/volumes';
import { openTestDatabase } from '../../../../test/support/database.js';
import { QuotaEvents, quotaStream } from '../domain/quota.events.js';
import { QuotaReadModels1764000000300 } from '../migrations/1764000000300-quota-read-models.js';
import { QuotaUsageShards1764000000700 } from '../migrations/1764000000700-quota-usage-shards.js';
import { QuotaLimitsProjection } from './quota-limits.projection.js';
import { QuotaUsageProjection } from './quota-usage.projection.js';
import { QuotaGuard } from './quota.guard.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const project = () => randomUUID().replaceAll('-', '');
const one = (streamId: string, type: string, data: Record<string, unknown>): AppendToStream => ({
  streamId,
  expectedVersion: 'any',
  events: [{ eventId: randomUUID(), type, data: { ...data, at: '2026-11-26T17:00:00.000000Z' } }],
});
const snapshot = (projectId: string, size = 1) => one(`snapshot-${randomUUID()}`, SnapshotEvents.Requested, { projectId, size });
const volume = (projectId: string, size = 1) => one(`volume-${randomUUID()}`, VolumeEvents.Requested, { projectId, size });
const limits = (projectId: string, set: Record<string, number>) =>
  one(quotaStream(projectId), QuotaEvents.LimitsSet, { projectId, limits: set });

/** Refusal of an append: the DomainError's kind and message. */
async function refusal(append: Promise<unknown>) {
  const e = await append.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DomainError);
  return { kind: (e as DomainError).kind, message: (e as DomainError).message };
}

describe('quota guard and usage projection on real Postgres', () => {
  let dataSource: DataSource;
  let pool: pg.Pool;
  let store: EventStore;
  const projections = [new QuotaLimitsProjection(), new QuotaUsageProjection()];

  beforeAll(async () => {
    ({ dataSource, pool } = await openTestDatabase(60));
    store = new EventStore(pool, projections, [new QuotaGuard({ snapshots: 10, volumes: 10, gigabytes: 1000 })]);
  });
  afterAll(async () => dataSource.destroy());

  const usage = async (projectId: string) => {
    // Usage is spread over shards: what a project holds is their sum.
    const { rows } = await pool.query('SELECT resource, sum(in_use) AS in_use FROM quota_usages WHERE project_id = $1 GROUP BY resource', [projectId]);
    return Object.fromEntries(rows.map((r) => [r.resource, Number(r.in_use)]));
  };
  const stored = async (streams: string[]) =>
    Number((await pool.query('SELECT count(*) FROM events WHERE stream_id = ANY($1)', [streams])).rows[0].count);

  it('counts snapshot and volume requests and gives deletes back (snapshots only when they consumed quota)', async () => {
    const p = project();
    await store.append(snapshot(p, 3));
    await store.append(volume(p, 2));
    expect(await usage(p)).toEqual({ snapshots: 1, gigabytes: 5, volumes: 1 });
    const deleted = (consumesQuota: boolean) => ({ projectId: p, size: 3, consumesQuota, unmanaged: false });
    await store.append(one(`snapshot-${randomUUID()}`, SnapshotEvents.Deleted, deleted(false)));
    expect(await usage(p)).toEqual({ snapshots: 1, gigabytes: 5, volumes: 1 });
    await store.append(one(`snapshot-${randomUUID()}`, SnapshotEvents.Deleted, deleted(true)));
    await store.append(one(`volume-${randomUUID()}`, VolumeEvents.Deleted, { projectId: p, size: 2 }));
    expect(await usage(p)).toEqual({ snapshots: 0, gigabytes: 0, volumes: 0 });
  });

  it('refuses an append over quota with Cinder\'s 413 message and stores nothing of it', async () => {
    const p = project();
    await store.append(limits(p, { snapshots: 1 }));
    await store.append(snapshot(p));
    const over = snapshot(p);
    expect(await refusal(store.append(over))).toEqual({
      kind: 'over_limit',
      message: 'SnapshotLimitExceeded: Maximum number of snapshots allowed (1) exceeded',
    });
    expect(await stored([over.streamId])).toBe(0);
    expect(await usage(p)).toEqual({ snapshots: 1, gigabytes: 1 });
  });

  it('reports gigabytes before the item count when both are full, and per-type quotas by their key', async () => {
    const p = project();
    await store.append(limits(p, { gigabytes: 2, snapshots: 1, volumes: 1 }));
    await store.append(volume(p, 2));
    expect((await refusal(store.append(snapshot(p, 1)))).message).toBe(
      'VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. ' +
        'Requested 1G, quota is 2G and 2G has been consumed.',
    );
    expect((await refusal(store.append(volume(p, 1)))).message).toMatch(/^VolumeSizeExceedsAvailableQuota: .* gigabytes quota/);
    await store.append(limits(p, { gigabytes: -1, gigabytes___DEFAULT__: 2, volumes___DEFAULT__: 1 }));
    expect((await refusal(store.append(volume(p, 1)))).message).toContain('allowed gigabytes___DEFAULT__ quota. Requested 1G, quota is 2G');
    await store.append(limits(p, { gigabytes___DEFAULT__: -1 }));
    expect((await refusal(store.append(volume(p, 1)))).message).toBe(
      "VolumeLimitExceeded: Maximum number of volumes allowed (1) exceeded for quota 'volumes'.",
    );
    await store.append(limits(p, { volumes: 5 }));
    expect((await refusal(store.append(volume(p, 1)))).message).toBe(
      "VolumeLimitExceeded: Maximum number of volumes allowed (1) exceeded for quota 'volumes___DEFAULT__'.",
    );
    expect(await usage(p)).toEqual({ gigabytes: 2, volumes: 1 });
  });

  it('admits exactly N of 200 concurrent snapshot requests against a quota of N', async () => {
    const p = project();
    const N = 37;
    await store.append(limits(p, { snapshots: N }));
    const requests = Array.from({ length: 200 }, () => snapshot(p, 2));
    const results = await Promise.allSettled(requests.map((r) => store.append(r)));
    const admitted = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(admitted).toBe(N);
    expect(refused.every((e) => e instanceof DomainError && e.code === 'QUOTA_SNAPSHOTS_EXCEEDED')).toBe(true);
    expect(await stored(requests.map((r) => r.streamId))).toBe(N);
    expect(await usage(p)).toEqual({ snapshots: N, gigabytes: 2 * N });
  });

  it('without limits, admits concurrent requests on several usage shards without queueing, and sums them exactly', async () => {
    const p = project();
    await store.append(limits(p, { snapshots: -1, gigabytes: -1 }));
    await Promise.all(Array.from({ length: 60 }, () => store.append(snapshot(p))));
    expect(await usage(p)).toEqual({ snapshots: 60, gigabytes: 60 });
    const { rows } = await pool.query('SELECT count(DISTINCT shard)::int AS n FROM quota_usages WHERE project_id = $1', [p]);
    expect(rows[0].n).toBeGreaterThan(1);
    // A finite limit set afterwards is checked against the sum of the shards.
    await expect(store.append(limits(p, { snapshots: 59 }))).rejects.toThrow('Current usage is 60 and the requested limit is 59.');
    await store.append(limits(p, { snapshots: 61 }));
    await store.append(snapshot(p));
    expect((await refusal(store.append(snapshot(p)))).message).toContain('allowed (61) exceeded');
  });

  it('makes an admission racing a limit change wait for it, then read the new limit', async () => {
    const p = project();
    for (let i = 0; i < 3; i++) await store.append(snapshot(p));
    let racing: Promise<unknown> = Promise.resolve();
    await store.transaction(async (tx) => {
      await store.appendIn(tx, [limits(p, { snapshots: 3 })]);
      racing = store.append(snapshot(p)); // starts while the lower limit is not committed yet
      racing.catch(() => undefined); // refused as soon as we commit: checked below
      await sleep(300);
    });
    expect((await refusal(racing)).message).toContain('allowed (3) exceeded');
    expect(await usage(p)).toEqual({ snapshots: 3, gigabytes: 3 });
  });

  it('makes a limit change racing an admission wait for it, then count it', async () => {
    const p = project();
    for (let i = 0; i < 3; i++) await store.append(snapshot(p));
    let lowering: Promise<unknown> = Promise.resolve();
    await store.transaction(async (tx) => {
      await store.appendIn(tx, [snapshot(p)]);
      lowering = store.append(limits(p, { snapshots: 3 })); // fine for the committed usage, not with ours
      lowering.catch(() => undefined); // refused as soon as we commit: checked below
      await sleep(300);
    });
    expect((await refusal(lowering)).message).toBe(
      'Quota snapshots limit must be equal or greater than existing resources. Current usage is 4 and the requested limit is 3.',
    );
  });

  it('takes limits from events: set, -1 unlimited, reset to the configured defaults', async () => {
    const p = project();
    const small = new EventStore(pool, projections, [new QuotaGuard({ snapshots: 2, volumes: -1, gigabytes: -1 })]);
    await small.append(snapshot(p));
    await small.append(snapshot(p));
    expect((await refusal(small.append(snapshot(p)))).message).toContain('allowed (2) exceeded');
    await small.append(limits(p, { snapshots: -1 }));
    for (let i = 0; i < 5; i++) await small.append(snapshot(p, 100));
    await small.append(one(quotaStream(p), QuotaEvents.LimitsReset, { projectId: p }));
    expect((await refusal(small.append(snapshot(p)))).message).toContain('allowed (2) exceeded');
    expect(await usage(p)).toEqual({ snapshots: 7, gigabytes: 502 });
  });

  it("refuses limits below usage with Cinder's 400 message, per-type keys measured on the totals", async () => {
    const p = project();
    await store.append(volume(p, 1));
    await store.append(volume(p, 1));
    const lower = limits(p, { snapshots: 0, volumes___DEFAULT__: 1 });
    expect(await refusal(store.append(lower))).toEqual({
      kind: 'invalid',
      message: 'Quota volumes___DEFAULT__ limit must be equal or greater than existing resources. Current usage is 2 and the requested limit is 1.',
    });
    expect(await stored([lower.streamId])).toBe(0);
    await store.append(limits(p, { volumes: 2, gigabytes: 2, per_volume_gigabytes: 0 }));
    expect((await refusal(store.append(volume(p, 1)))).message).toBe(
      'VolumeSizeExceedsLimit: Requested volume size 1G is larger than maximum allowed limit 0G.',
    );
  });

  it('reserves the growth of an extension when asked, gives it back if it fails, and checks it like Cinder', async () => {
    const p = project();
    const stream = `volume-${randomUUID()}`;
    const on = (type: string, data: Record<string, unknown> = {}) => store.append(one(stream, type, data));
    await on(VolumeEvents.Requested, { projectId: p, size: 2 });
    await on(VolumeEvents.ExtendRequested, { newSize: 5 });
    expect(await usage(p)).toEqual({ volumes: 1, gigabytes: 5 });
    await on(VolumeEvents.ExtendFailed, { code: 'X', reason: 'x' });
    expect(await usage(p)).toEqual({ volumes: 1, gigabytes: 2 });
    await on(VolumeEvents.ExtendRequested, { newSize: 4 });
    await on(VolumeEvents.Extended, { size: 4 });
    expect(await usage(p)).toEqual({ volumes: 1, gigabytes: 4 });
    await store.append(limits(p, { gigabytes: 6, gigabytes___DEFAULT__: 5 }));
    expect((await refusal(on(VolumeEvents.ExtendRequested, { newSize: 6 }))).message).toBe(
      'VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested 2G, quota is 6G and 4G has been consumed.',
    );
    await store.append(limits(p, { per_volume_gigabytes: 5 }));
    expect((await refusal(on(VolumeEvents.ExtendRequested, { newSize: 9 }))).message).toBe(
      'VolumeSizeExceedsLimit: Requested volume size 9G is larger than maximum allowed limit 5G.',
    );
    await on(VolumeEvents.Deleted, { projectId: p, size: 4 });
    expect(await usage(p)).toEqual({ volumes: 0, gigabytes: 0 });
  });

  it('seeds usage from the events already stored when the migration runs on an existing database', async () => {
    const p = project();
    const stream = `volume-${randomUUID()}`;
    await store.append(one(stream, VolumeEvents.Requested, { projectId: p, size: 2 }));
    await store.append(one(stream, VolumeEvents.ExtendRequested, { newSize: 3 }));
    await store.append(snapshot(p, 3));
    await store.append(one(`snapshot-${randomUUID()}`, SnapshotEvents.Deleted, { projectId: p, size: 7, consumesQuota: false }));
    const live = await usage(p);
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query('DROP TABLE quota_usages, quota_limits');
      await new QuotaReadModels1764000000300().up(runner);
      await new QuotaUsageShards1764000000700().up(runner);
      const rows: { resource: string; in_use: number }[] = await runner.query(
        'SELECT resource, sum(in_use) AS in_use FROM quota_usages WHERE project_id = $1 GROUP BY resource',
        [p],
      );
      expect(Object.fromEntries(rows.map((r) => [r.resource, Number(r.in_use)]))).toEqual(live);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(live).toEqual({ volumes: 1, snapshots: 1, gigabytes: 6 });
  });

  it('rebuilds the same usage by replaying the projection alone, whatever the limits are now', async () => {
    const p = project();
    const streams = [snapshot(p, 4), volume(p, 3), snapshot(p, 4)];
    for (const s of streams) await store.append(s);
    // Limits below usage (as after a reset to smaller defaults): written past the guard, replay must not care.
    await new EventStore(pool, projections).append(limits(p, { snapshots: 0, gigabytes: 0 }));
    const before = await usage(p);
    await pool.query('DELETE FROM quota_usages WHERE project_id = $1', [p]);
    await store.transaction(async (tx) => {
      for (const s of streams) for (const e of await store.readStream(s.streamId)) await projections[1]!.apply(tx, e);
    });
    expect(await usage(p)).toEqual(before);
    expect(before).toEqual({ snapshots: 2, volumes: 1, gigabytes: 11 });
  });
});
