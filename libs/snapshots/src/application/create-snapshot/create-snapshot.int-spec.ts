import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../../test/support/database.js';
import { EventStore } from '#ember/event-store';
import type { CommandContext } from '#ember/kernel';
import { appendGuards, inlineProjections } from '#ember/platform';
import { VolumeEvents, VolumeRepository } from '#ember/volumes';
import { CreateSnapshotCommand } from './create-snapshot.command.js';
import { CreateSnapshotHandler } from './create-snapshot.handler.js';

const AT = '2026-11-26T19:19:00.000000Z';

describe('create snapshot on real Postgres (decided from a remembered volume state, checked in the write batch)', () => {
  let dataSource: DataSource;
  let pool: pg.Pool;
  let store: EventStore;

  beforeAll(async () => {
    ({ dataSource, pool } = await openTestDatabase(8));
    store = new EventStore(pool, inlineProjections(), appendGuards({ snapshots: -1, volumes: -1, gigabytes: -1 }));
  });
  afterAll(async () => dataSource.destroy());

  async function volume(projectId: string) {
    const id = randomUUID();
    const event = (type: string, data: object) => ({ eventId: randomUUID(), type, data: { ...data, at: AT }, metadata: {} });
    await store.append({
      streamId: `volume-${id}`,
      expectedVersion: 'no_stream',
      events: [
        event(VolumeEvents.Requested, {
          volumeId: id, projectId, userId: 'u', size: 1, name: null, description: null, metadata: {},
          availabilityZone: 'nova', volumeType: '__DEFAULT__', snapshotId: null, sourceVolid: null,
        }),
        event(VolumeEvents.Available, { bytes: 1 << 30 }),
      ],
    });
    return id;
  }
  const ctx = (projectId: string): CommandContext => ({
    actor: { userId: 'u', projectId, roles: ['admin'], isAdmin: true },
    request: { requestId: `req-${randomUUID()}`, authMode: 'noauth' },
  });
  const create = (h: CreateSnapshotHandler, volumeId: string, projectId: string) =>
    h.execute(new CreateSnapshotCommand({ volumeId, name: null, description: null, metadata: {}, allowInUse: false }, ctx(projectId)));
  const setStatus = (volumeId: string, version: number, status: string) =>
    store.append({
      streamId: `volume-${volumeId}`,
      expectedVersion: version,
      events: [{ eventId: randomUUID(), type: VolumeEvents.StatusReset, data: { status, at: AT }, metadata: {} }],
    });

  it('creates from memory once the volume was loaded, and notices a change made by another process', async () => {
    const p = `p${randomUUID().slice(0, 8)}`;
    const v = await volume(p);
    const repository = new VolumeRepository(store);
    const handler = new CreateSnapshotHandler(repository, store);
    expect((await create(handler, v, p)).status).toBe('creating');
    expect(repository.remembered(v)?.version).toBe(2);
    expect((await create(handler, v, p)).status).toBe('creating');

    // Another process (its own repository) puts the volume in error: the memory here is now stale.
    await setStatus(v, 2, 'error');
    await expect(create(handler, v, p)).rejects.toMatchObject({ code: 'SNAPSHOT_VOLUME_ERROR' });
    // ...and back to available, at a version this process never saw: created on the stored state.
    await setStatus(v, 3, 'available');
    expect(repository.remembered(v)?.version).not.toBe(4);
    expect((await create(handler, v, p)).status).toBe('creating');
    expect(repository.remembered(v)?.version).toBe(4);

    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM snapshots WHERE volume_id = $1`, [v]);
    expect(rows[0].n).toBe(3);
  });

  it('refuses a volume deleted since it was remembered', async () => {
    const p = `p${randomUUID().slice(0, 8)}`;
    const v = await volume(p);
    const handler = new CreateSnapshotHandler(new VolumeRepository(store), store);
    await create(handler, v, p);
    await pool.query('DELETE FROM snapshots WHERE volume_id = $1', [v]);
    await store.append({
      streamId: `volume-${v}`,
      expectedVersion: 2,
      events: [{ eventId: randomUUID(), type: VolumeEvents.Deleted, data: { projectId: p, size: 1, at: AT }, metadata: {} }],
    });
    await expect(create(handler, v, p)).rejects.toMatchObject({ code: 'VOLUME_NOT_FOUND' });
  });
  it('admits exactly the quota among concurrent creates committed in one group', async () => {
    const p = `p${randomUUID().slice(0, 8)}`;
    const v = await volume(p);
    // A store whose default snapshot quota is 5: the creates of one group admit against each other.
    const limited = new EventStore(pool, inlineProjections(), appendGuards({ snapshots: 5, volumes: -1, gigabytes: -1 }));
    const handler = new CreateSnapshotHandler(new VolumeRepository(limited), limited);
    await create(handler, v, p); // remembered from here on: the next ones are decided from memory, grouped
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => create(handler, v, p)));
    const created = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
    expect(created).toHaveLength(4);
    expect(refused).toHaveLength(8);
    for (const e of refused) expect(e).toMatchObject({ code: 'QUOTA_SNAPSHOTS_EXCEEDED' });

    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM snapshots WHERE volume_id = $1`, [v]);
    expect(rows[0].n).toBe(5);
    const usage = await pool.query(`SELECT sum(in_use)::int AS n FROM quota_usages WHERE project_id = $1 AND resource = 'snapshots'`, [p]);
    expect(usage.rows[0].n).toBe(5);
  });

  it('groups many creates into few transactions; a create refused inside a group fails alone, the others are stored once', async () => {
    const p = `p${randomUUID().slice(0, 8)}`;
    const v = await volume(p);
    const w = await volume(p);
    const handler = new CreateSnapshotHandler(new VolumeRepository(store), store);
    await create(handler, v, p);
    await create(handler, w, p);
    // `w` goes to error behind this process's back: its remembered state is stale, its creates fail in the group.
    await setStatus(w, 2, 'error');
    const outcomes = await Promise.allSettled([...Array.from({ length: 10 }, () => create(handler, v, p)), create(handler, w, p)]);
    expect(outcomes.slice(0, 10).every((o) => o.status === 'fulfilled')).toBe(true);
    expect(outcomes[10]).toMatchObject({ status: 'rejected', reason: { code: 'SNAPSHOT_VOLUME_ERROR' } });

    const ids = outcomes.slice(0, 10).map((o) => (o as PromiseFulfilledResult<{ id: string }>).value.id);
    const { rows } = await pool.query(
      `SELECT count(*)::int AS events, count(DISTINCT stream_id)::int AS streams FROM events WHERE stream_id = ANY($1)`,
      [ids.map((id) => `snapshot-${id}`)],
    );
    expect(rows[0]).toEqual({ events: 10, streams: 10 });
    const rowsOfW = await pool.query(`SELECT count(*)::int AS n FROM snapshots WHERE volume_id = $1`, [w]);
    expect(rowsOfW.rows[0].n).toBe(1);
  });

  it('commits a burst of creates in fewer transactions than creates', async () => {
    const p = `p${randomUUID().slice(0, 8)}`;
    const v = await volume(p);
    const handler = new CreateSnapshotHandler(new VolumeRepository(store), store);
    await create(handler, v, p);
    const rows = await Promise.all(Array.from({ length: 20 }, () => create(handler, v, p)));
    const { rows: tx } = await pool.query(`SELECT count(DISTINCT tx_id)::int AS n FROM events WHERE stream_id = ANY($1)`, [
      rows.map((r) => `snapshot-${r.id}`),
    ]);
    expect(tx[0].n).toBeGreaterThanOrEqual(1);
    expect(tx[0].n).toBeLessThanOrEqual(3);
  });
});
