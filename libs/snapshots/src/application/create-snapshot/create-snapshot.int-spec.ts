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
});
