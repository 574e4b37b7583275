import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotStream } from '#ember/kernel';
import { foldSnapshot, SnapshotEvents, SnapshotProjection, type SnapshotRequested } from '#ember/snapshots';
import { isolatedDatabase } from '../../../../test/support/database.js';
import { EventStore } from '../event-store.js';
import { START, type RecordedEvent } from '../event.types.js';
import { verifyLog } from '../verify/verify-log.js';
import { UNKNOWN_VOLUME_VERSION, type SnapshotRequestedV0 } from './ember-upcasters.js';

/**
 * A snapshot requested under Ember 0.0.x is stored as `snapshot.requested.v0` (Cinder column names, no
 * `volumeVersion`); completed later by a current `snapshot.available.v1`. Every reader gets the current shape.
 */
describe('schema evolution: upcasting on read', () => {
  let db: { url: string; drop: () => Promise<void> };
  let pool: pg.Pool;
  let store: EventStore;
  const closed: Promise<void>[] = [];
  const snapshotId = randomUUID();
  const volumeId = randomUUID();
  const stream = snapshotStream(snapshotId);
  const legacy: SnapshotRequestedV0 = {
    snapshot_id: snapshotId,
    volume_id: volumeId,
    project_id: 'legacy-project',
    user_id: 'legacy-user',
    display_name: 'nightly',
    display_description: null,
    metadata: { tier: 'gold' },
    volume_size: 3,
    created_at: '2025-06-01T08:00:00.000000Z',
  };

  beforeAll(async () => {
    // A database of its own: the projection below writes a read-model row no other projection matches.
    db = await isolatedDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    // pool.end() resolves before its connections are closed: wait for them, or dropping the database races them.
    pool.on('connect', (client) => closed.push(new Promise((resolve) => client.once('end', resolve))));
    store = new EventStore(pool);
    await store.append({ streamId: stream, expectedVersion: 'no_stream', events: [{ eventId: randomUUID(), type: 'snapshot.requested.v0', data: { ...legacy } }] });
    await store.append({
      streamId: stream,
      expectedVersion: 1,
      events: [{ eventId: randomUUID(), type: SnapshotEvents.Available, data: { bytes: 3 << 30, allocatedBytes: 1 << 20, checksum: 'sha256:ab', at: '2025-06-01T08:01:00.000000Z' } }],
    });
  });
  afterAll(async () => {
    await pool.end();
    await Promise.all(closed);
    await db.drop();
  });

  const expectedRequested: SnapshotRequested = {
    snapshotId, volumeId, projectId: 'legacy-project', userId: 'legacy-user', name: 'nightly', description: null,
    metadata: { tier: 'gold' }, size: 3, volumeVersion: UNKNOWN_VOLUME_VERSION, at: '2025-06-01T08:00:00.000000Z',
  };

  it('stores the old shape as written, and readStream hands out the current type and shape', async () => {
    const raw = await pool.query('SELECT type, schema_version, data FROM events WHERE stream_id = $1 AND stream_version = 1', [stream]);
    expect(raw.rows[0]).toEqual({ type: 'snapshot.requested.v0', schema_version: 0, data: legacy });
    const [requested] = await store.readStream(stream);
    expect(requested).toMatchObject({ type: SnapshotEvents.Requested, schemaVersion: 1, streamVersion: 1, data: expectedRequested });
  });

  it('readAll (the reader of replay, audit and the async projectors) hands out the current shape too', async () => {
    const all = await store.readAll(START, 100);
    expect(all.map((e) => e.type)).toEqual([SnapshotEvents.Requested, SnapshotEvents.Available]);
    expect(all[0]!.data).toEqual(expectedRequested);
  });

  it('folds into the aggregate as if it had been written today', async () => {
    const state = foldSnapshot(await store.readStream(stream));
    expect(state).toMatchObject({ id: snapshotId, volumeId, projectId: 'legacy-project', status: 'available', progress: '100%', size: 3, metadata: { tier: 'gold' }, version: 2 });
  });

  it('projects into the Cinder read model when replayed through SnapshotProjection', async () => {
    const projection = new SnapshotProjection();
    const events: RecordedEvent[] = await store.readAll(START, 100);
    await store.transaction(async (tx) => {
      for (const e of events) await projection.apply(tx, e);
    });
    const { rows } = await pool.query('SELECT project_id, user_id, volume_id, name, status, progress, size, metadata, created_at, checksum, version FROM snapshots WHERE id = $1', [snapshotId]);
    expect(rows[0]).toEqual({
      project_id: 'legacy-project', user_id: 'legacy-user', volume_id: volumeId, name: 'nightly', status: 'available', progress: '100%',
      size: 3, metadata: { tier: 'gold' }, created_at: '2025-06-01T08:00:00.000000', checksum: 'sha256:ab', version: 2,
    });
  });

  it('keeps verifying: the hash chain covers the stored v0 form, not the upcast one', async () => {
    const client = await pool.connect();
    try {
      expect(await verifyLog(client)).toMatchObject({ ok: true, events: 2, streams: 1 });
    } finally {
      client.release();
    }
  });
});
