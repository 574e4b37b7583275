import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStore, microsNow, type NewEvent } from '#ember/event-store';
import { inlineProjections } from '#ember/platform';
import { QuotaEvents, quotaStream } from '#ember/quotas';
import { SnapshotEvents } from '#ember/snapshots';
import { VolumeEvents } from '#ember/volumes';
import { isolatedDatabase } from '../../../../test/support/database.js';
import { READ_MODEL_TABLES } from '../read-models.js';
import { PipelinedExecutor } from './pipelined-executor.js';
import { ReadModelReplay } from './read-model-replay.js';

const PROJECT = 'cafe0000cafe0000cafe0000cafe0000';
const ev = (type: string, data: Record<string, unknown>): NewEvent => ({
  eventId: randomUUID(), type, data: { ...data, at: microsNow() }, metadata: { requestId: `req-${randomUUID()}`, userId: 'u1' },
});
const volumeRequested = (id: string, size = 1) =>
  ev(VolumeEvents.Requested, {
    volumeId: id, projectId: PROJECT, userId: 'u1', name: null, description: null, metadata: {}, size,
    availabilityZone: 'nova', volumeType: '__DEFAULT__', snapshotId: null, sourceVolid: null,
  });
const snapshotRequested = (id: string, volumeId: string) =>
  ev(SnapshotEvents.Requested, {
    snapshotId: id, volumeId, projectId: PROJECT, userId: 'u1', name: 's', description: null, metadata: { a: '1' }, size: 1, volumeVersion: 2,
  });

describe('read-model replay (shadow schema, verify, swap) on real Postgres', () => {
  let db: { url: string; drop: () => Promise<void> };
  let pool: pg.Pool;
  let store: EventStore;
  const replay = () => new ReadModelReplay({ url: db.url, projections: inlineProjections(), tables: READ_MODEL_TABLES }, { batchSize: 7 });

  beforeAll(async () => {
    // Its own database: a replay reads the whole log, and other tests write partial events no replay could rebuild.
    db = await isolatedDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    store = new EventStore(pool, inlineProjections());
    // A history touching every read model, with streams interleaved across transactions.
    for (let i = 0; i < 12; i++) {
      const [v, s] = [randomUUID(), randomUUID()];
      await store.append({ streamId: `volume-${v}`, expectedVersion: 'no_stream', events: [volumeRequested(v, 1 + (i % 3))] });
      await store.append([
        { streamId: `volume-${v}`, expectedVersion: 1, events: [ev(VolumeEvents.Available, { bytes: 1 << 30 })] },
        { streamId: `snapshot-${s}`, expectedVersion: 'no_stream', events: [snapshotRequested(s, v)] },
      ]);
      await store.append({ streamId: `volume-${v}`, expectedVersion: 2, events: [ev(VolumeEvents.ExtendRequested, { newSize: 5 }), ev(VolumeEvents.Extended, { size: 5 })] });
      if (i % 2 === 0) {
        await store.append({
          streamId: `snapshot-${s}`,
          expectedVersion: 1,
          events: [ev(SnapshotEvents.DeletionRequested, { force: false, unmanage: false }), ev(SnapshotEvents.Deleted, { unmanaged: false, projectId: PROJECT, size: 1, consumesQuota: true })],
        });
      }
    }
    await store.append({ streamId: quotaStream(PROJECT), expectedVersion: 'any', events: [ev(QuotaEvents.LimitsSet, { projectId: PROJECT, limits: { snapshots: 40 } })] });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('rebuilds read models identical to the live ones, even from one transaction of many events', async () => {
    // One append of 120 events: positions cross a power of ten inside a single transaction.
    const v = randomUUID();
    const renames = Array.from({ length: 119 }, (_, i) => ev(VolumeEvents.Updated, { name: `n${i}` }));
    await store.append({ streamId: `volume-${v}`, expectedVersion: 'no_stream', events: [volumeRequested(v), ...renames] });
    const report = await replay().verify();
    expect(report.tables.map((t) => [t.table, t.count])).toEqual(READ_MODEL_TABLES.map((t) => [t, 0]));
    expect(report.events).toBe(Number((await pool.query('SELECT count(*) FROM events')).rows[0].count));
  });

  it('names every row that differs, and the columns', async () => {
    // Two of the extended volumes (size 5), not the one of the first test (size 1, its id random).
    const { rows } = await pool.query('SELECT id, name FROM volumes WHERE size = 5 ORDER BY id LIMIT 2');
    const [changed, missing] = rows.map((r) => r.id as string);
    const name = rows[0].name as string | null;
    await pool.query(`UPDATE volumes SET name = 'tampered', size = 99 WHERE id = $1`, [changed]);
    await pool.query('DELETE FROM volumes WHERE id = $1', [missing]);
    await pool.query(`INSERT INTO quota_usages VALUES ('nobody', 'snapshots', 3)`);
    const report = await replay().verify();
    expect(report.differences).toBe(3);
    const byTable = Object.fromEntries(report.tables.map((t) => [t.table, t.differences]));
    expect(byTable.volumes).toEqual(
      expect.arrayContaining([
        { table: 'volumes', key: { id: changed }, problem: 'changed', columns: [
          { column: 'name', live: 'tampered', replayed: name },
          { column: 'size', live: 99, replayed: 5 },
        ] },
        expect.objectContaining({ key: { id: missing }, problem: 'replay_only' }),
      ]),
    );
    expect(byTable.quota_usages).toEqual([
      expect.objectContaining({ key: { project_id: 'nobody', resource: 'snapshots' }, problem: 'live_only' }),
    ]);
  });

  it('swaps rebuilt tables in with the live indexes, constraints, names and durability, dropping the old ones', async () => {
    const shape = async () =>
      (await pool.query(`SELECT tablename, indexname, regexp_replace(indexdef, 'ON \\S+ ', 'ON ') AS def FROM pg_indexes
                          WHERE tablename = ANY($1) ORDER BY 1, 2`, [[...READ_MODEL_TABLES]])).rows;
    await pool.query('GRANT SELECT ON snapshots TO PUBLIC');
    await pool.query('ALTER TABLE volumes SET (fillfactor = 90)');
    const before = await shape();
    const report = await replay().swap();
    expect(report.retries).toBe(0);
    expect(await shape()).toEqual(before);
    const settings = await pool.query(`SELECT relname, relacl::text[] AS acl, reloptions FROM pg_class
                                        WHERE relname IN ('snapshots', 'volumes') AND relkind = 'r' ORDER BY relname`);
    expect(settings.rows[0].acl).toEqual(expect.arrayContaining([expect.stringMatching(/^=r\//)]));
    expect(settings.rows[1].reloptions).toEqual(['fillfactor=90']);
    const { rows } = await pool.query(`SELECT relname, relpersistence, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                        WHERE relname = ANY($1) AND relkind = 'r'`, [[...READ_MODEL_TABLES]]);
    expect(rows).toHaveLength(READ_MODEL_TABLES.length);
    expect(rows.every((r) => r.relpersistence === 'p' && r.nspname === 'public')).toBe(true);
    expect((await pool.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'ember_replay_%'`)).rows).toEqual([]);
    expect((await replay().verify()).differences).toBe(0);
    // The tampered rows are back as the log says they are.
    expect((await pool.query(`SELECT count(*)::int AS n FROM volumes WHERE name = 'tampered'`)).rows[0].n).toBe(0);
    expect((await pool.query(`SELECT count(*)::int AS n FROM quota_usages WHERE project_id = 'nobody'`)).rows[0].n).toBe(0);
  });

  it('allows one replay at a time and clears the shadow schema a crashed one left behind', async () => {
    await pool.query('CREATE SCHEMA ember_replay_19990101000000_dead');
    const lock = await pool.connect();
    await lock.query(`SELECT pg_advisory_lock(hashtext('ember:replay'))`);
    await expect(replay().verify()).rejects.toThrow('another ember replay is running');
    await lock.query(`SELECT pg_advisory_unlock(hashtext('ember:replay'))`);
    lock.release();
    await replay().verify();
    expect((await pool.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'ember_replay_%'`)).rows).toEqual([]);
  });

  it('reports the first failed pipelined write, not the aborted statements after it', async () => {
    const client = new pg.Client({ connectionString: db.url, pipeline: true });
    await client.connect();
    const exec = new PipelinedExecutor(client);
    try {
      await exec.query('BEGIN');
      await exec.query('CREATE TEMP TABLE t (id int PRIMARY KEY)');
      await exec.query('INSERT INTO t VALUES ($1)', [1]);
      await exec.query('INSERT INTO t VALUES ($1)', [1]);
      await exec.query('INSERT INTO t VALUES ($1)', [2]);
      await expect(exec.query('SELECT count(*) FROM t')).rejects.toThrow('duplicate key');
      await expect(exec.settle()).rejects.toThrow('duplicate key');
    } finally {
      await client.end();
    }
  });
});
