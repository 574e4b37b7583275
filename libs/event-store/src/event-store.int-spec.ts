import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, uniqueStream } from '../../../test/support/database.js';
import { ConcurrencyError, EventIdConflictError } from './event-store.errors.js';
import { EventStore } from './event-store.js';
import type { InlineProjection } from './inline-projection.js';
import type { NewEvent } from './event.types.js';

const event = (type = 'test.happened.v1', data: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { requestId: `req-${randomUUID()}` },
});

describe('EventStore', () => {
  let dataSource: DataSource;
  let pool: pg.Pool;
  let store: EventStore;

  beforeAll(async () => {
    ({ dataSource, pool } = await openTestDatabase(40));
    await pool.query('CREATE TABLE IF NOT EXISTS test_counters (stream_id text PRIMARY KEY, n int NOT NULL)');
    const counter: InlineProjection = {
      name: 'test-counter',
      handles: ['test.counted.v1'],
      async apply(tx, e) {
        if (e.data.explode) throw new Error('projection failed');
        await tx.query(
          `INSERT INTO test_counters VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET n = test_counters.n + 1`,
          [e.streamId],
        );
      },
    };
    store = new EventStore(pool, [counter]);
  });
  afterAll(async () => dataSource.destroy());

  it('appends to a new stream and reads it back in order with versions, types and metadata', async () => {
    const s = uniqueStream();
    const [a, b] = [event('test.a.v1', { n: 1 }), event('test.b.v2', { n: 2 })];
    const result = await store.append({ streamId: s, expectedVersion: 'no_stream', events: [a, b] });
    expect(result.versions[s]).toBe(2);
    const read = await store.readStream(s);
    expect(read.map((e) => [e.streamVersion, e.type, e.schemaVersion, e.data.n])).toEqual([
      [1, 'test.a.v1', 1, 1],
      [2, 'test.b.v2', 2, 2],
    ]);
    expect(read[0]!.metadata.requestId).toBe(a.metadata!.requestId);
    expect(read[0]!.position < read[1]!.position).toBe(true);
  });

  it('refuses no_stream on an existing stream and a stale exact version with a typed error', async () => {
    const s = uniqueStream();
    await store.append({ streamId: s, expectedVersion: 'no_stream', events: [event()] });
    await expect(store.append({ streamId: s, expectedVersion: 'no_stream', events: [event()] })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    await expect(store.append({ streamId: s, expectedVersion: 0, events: [event()] })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    await expect(store.append({ streamId: s, expectedVersion: 5, events: [event()] })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    await store.append({ streamId: s, expectedVersion: 1, events: [event()] });
    await store.append({ streamId: s, expectedVersion: 'any', events: [event()] });
    expect((await store.readStream(s)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
  });

  it('treats a retried append with the same event ids as done, writing nothing twice', async () => {
    const s = uniqueStream();
    const events = [event(), event()];
    const first = await store.append({ streamId: s, expectedVersion: 'no_stream', events });
    const retry = await store.append({ streamId: s, expectedVersion: 'no_stream', events });
    expect(first.duplicate).toBe(false);
    expect(retry.duplicate).toBe(true);
    expect(retry.events.map((e) => e.position)).toEqual(first.events.map((e) => e.position));
    expect(await store.readStream(s)).toHaveLength(2);
  });

  it('rejects an event id reused for a different event', async () => {
    const s = uniqueStream();
    const e = event();
    await store.append({ streamId: s, expectedVersion: 'no_stream', events: [e] });
    await expect(
      store.append({ streamId: uniqueStream(), expectedVersion: 'any', events: [{ ...e, type: 'test.other.v1' }] }),
    ).rejects.toBeInstanceOf(EventIdConflictError);
  });

  it('lets exactly one of many concurrent appenders win each version', async () => {
    const s = uniqueStream();
    await store.append({ streamId: s, expectedVersion: 'no_stream', events: [event()] });
    for (let version = 1; version <= 5; version++) {
      const attempts = await Promise.allSettled(
        Array.from({ length: 25 }, () => store.append({ streamId: s, expectedVersion: version, events: [event()] })),
      );
      const won = attempts.filter((a) => a.status === 'fulfilled');
      const lost = attempts.filter((a) => a.status === 'rejected') as PromiseRejectedResult[];
      expect(won).toHaveLength(1);
      expect(lost.every((l) => l.reason instanceof ConcurrencyError)).toBe(true);
    }
    expect((await store.readStream(s)).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives every concurrent `any` append its own version with no gaps', async () => {
    const s = uniqueStream();
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, () => store.append({ streamId: s, expectedVersion: 'any', events: [event()] })),
    );
    const ok = settled.filter((x) => x.status === 'fulfilled').length;
    const versions = (await store.readStream(s)).map((e) => e.streamVersion);
    expect(versions).toEqual(Array.from({ length: ok }, (_, i) => i + 1));
  });

  it('appends several streams atomically: one conflict writes none of them', async () => {
    const [s1, s2] = [uniqueStream(), uniqueStream()];
    await store.append({ streamId: s2, expectedVersion: 'no_stream', events: [event()] });
    await expect(
      store.append([
        { streamId: s1, expectedVersion: 'no_stream', events: [event()] },
        { streamId: s2, expectedVersion: 'no_stream', events: [event()] },
      ]),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.readStream(s1)).toHaveLength(0);
    const both = await store.append([
      { streamId: s1, expectedVersion: 'no_stream', events: [event()] },
      { streamId: s2, expectedVersion: 1, events: [event()] },
    ]);
    expect(both.versions).toEqual({ [s1]: 1, [s2]: 2 });
  });

  it('commits inline projections with the events, and a failing projection stores no event', async () => {
    const s = uniqueStream();
    await store.append({ streamId: s, expectedVersion: 'no_stream', events: [event('test.counted.v1')] });
    const counted = await pool.query('SELECT n FROM test_counters WHERE stream_id = $1', [s]);
    expect(counted.rows[0].n).toBe(1);
    await expect(
      store.append({ streamId: s, expectedVersion: 1, events: [event('test.counted.v1', { explode: true })] }),
    ).rejects.toThrow('projection failed');
    expect(await store.readStream(s)).toHaveLength(1);
  });

  it('in a multi-stream append whose events are stored already for one stream, stores and projects only the others, once', async () => {
    const [s1, s2] = [uniqueStream(), uniqueStream()];
    const earlier = [event('test.counted.v1')];
    const first = await store.append({ streamId: s1, expectedVersion: 'no_stream', events: earlier });
    // The same events for s1 again (a retry overlapping an earlier append), and a new stream.
    const mixed = await store.append([
      { streamId: s1, expectedVersion: 'no_stream', events: earlier },
      { streamId: s2, expectedVersion: 'no_stream', events: [event('test.counted.v1'), event('test.counted.v1')] },
    ]);
    expect(mixed.duplicate).toBe(false);
    expect(mixed.versions).toEqual({ [s1]: 1, [s2]: 2 });
    expect(mixed.events.map((e) => e.streamId)).toEqual([s1, s2, s2]);
    expect(mixed.events[0]!.position).toBe(first.events[0]!.position); // s1's answered as stored
    expect(await store.readStream(s1)).toHaveLength(1);
    expect(await store.readStream(s2)).toHaveLength(2);
    const counted = await pool.query<{ stream_id: string; n: number }>('SELECT stream_id, n FROM test_counters WHERE stream_id = ANY($1) ORDER BY n', [[s1, s2]]);
    expect(counted.rows).toEqual([{ stream_id: s1, n: 1 }, { stream_id: s2, n: 2 }]);
  });

  it('pipelines a transaction: a statement nobody waited for that fails makes COMMIT throw it and stores nothing', async () => {
    const s = uniqueStream();
    await expect(
      store.transaction(async (tx) => {
        await store.appendIn(tx, [{ streamId: s, expectedVersion: 'no_stream', events: [event()] }]);
        void tx.query('SELECT 1 / 0');
        void tx.query('SELECT 2'); // fails too (transaction aborted): the first failure is the one reported
      }),
    ).rejects.toThrow('division by zero');
    expect(await store.readStream(s)).toHaveLength(0);
  });

  it('rolls back a transaction that throws with statements issued but not yet sent, without hanging', async () => {
    for (let i = 0; i < 12; i++) {
      await expect(
        store.transaction(async (tx) => {
          void tx.query('SELECT pg_sleep(0)');
          throw new Error(`refused ${i}`);
        }),
      ).rejects.toThrow(`refused ${i}`);
    }
    // Every pooled connection came back usable (a stuck one would time this out).
    const { rows } = await pool.query('SELECT 1 AS one');
    expect(rows[0].one).toBe(1);
  });

  it('refuses to update or delete stored events', async () => {
    const s = uniqueStream();
    await store.append({ streamId: s, expectedVersion: 'no_stream', events: [event()] });
    await expect(pool.query(`UPDATE events SET data = '{}' WHERE stream_id = $1`, [s])).rejects.toThrow(/append-only/);
    await expect(pool.query(`DELETE FROM events WHERE stream_id = $1`, [s])).rejects.toThrow(/append-only/);
  });

  it("never records an event of a stream before the one it follows, even when a writer's clock ran ahead", async () => {
    const s = uniqueStream();
    // The first event as a writer whose clock is an hour ahead of Postgres's would have stored it (blind inserts use the writer's clock).
    await pool.query(
      `INSERT INTO events (stream_id, stream_version, event_id, type, data, metadata, recorded_at, hash)
       VALUES ($1, 1, gen_random_uuid(), 'test.a.v1', '{}', '{}', clock_timestamp() + interval '1 hour', sha256('x'))`,
      [s],
    );
    await store.append({ streamId: s, expectedVersion: 1, events: [event('test.b.v1')] });
    await store.append({ streamId: s, expectedVersion: 2, events: [event('test.c.v1')] });
    const [first, second, third] = await store.readStream(s);
    expect(second!.recordedAt.getTime()).toBeGreaterThanOrEqual(first!.recordedAt.getTime());
    expect(third!.recordedAt.getTime()).toBeGreaterThanOrEqual(second!.recordedAt.getTime());
    // And an ordinary stream still gets Postgres's own time.
    const t = uniqueStream();
    const before = Date.now();
    await store.append({ streamId: t, expectedVersion: 'no_stream', events: [event()] });
    await store.append({ streamId: t, expectedVersion: 1, events: [event()] });
    const [, later] = await store.readStream(t);
    expect(Math.abs(later!.recordedAt.getTime() - before)).toBeLessThan(60_000);
  });
});
