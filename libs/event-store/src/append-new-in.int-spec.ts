import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, uniqueStream } from '../../../test/support/database.js';
import type { AppendGuard } from './append-guard.js';
import { ConcurrencyError, isStaleRead } from './event-store.errors.js';
import { EventStore, type AppendCondition } from './event-store.js';
import type { InlineProjection } from './inline-projection.js';
import type { NewEvent } from './event.types.js';
import { expectOk } from './pipelined-transaction.js';

const event = (data: Record<string, unknown> = {}): NewEvent => ({ eventId: randomUUID(), type: 'test.noted.v1', data });

class Refused extends Error {}

/**
 * Counts the batches a pipelined connection sends: a pipelined transaction keeps the socket corked and
 * sends what it holds when it uncorks, one write (one round trip) each time.
 */
async function countBatches(client: pg.PoolClient): Promise<() => number> {
  let batches = 0;
  const stream = (client as unknown as { connection: { stream: { uncork: () => void; writableLength: number; writableCorked: number } } }).connection.stream;
  const uncork = stream.uncork;
  stream.uncork = function (this: typeof stream) {
    if (this.writableCorked === 1 && this.writableLength > 0) batches++;
    uncork.call(this);
  };
  return () => batches;
}

describe('EventStore.appendNewIn: a new stream, its guard checks, projections and COMMIT in one round trip', () => {
  let dataSource: DataSource;
  let pool: pg.Pool;
  let store: EventStore;
  /** One pipelined connection, its socket watched. */
  let single: pg.Pool;

  beforeAll(async () => {
    let url: string;
    ({ dataSource, pool, url } = await openTestDatabase(10));
    single = new pg.Pool({ connectionString: url, max: 1, pipeline: true } as pg.PoolConfig);
    await pool.query('CREATE TABLE IF NOT EXISTS test_notes (stream_id text PRIMARY KEY, n int NOT NULL)');
    const notes: InlineProjection = {
      name: 'test-notes',
      handles: ['test.noted.v1'],
      async apply(tx, e) {
        await tx.query('INSERT INTO test_notes VALUES ($1, $2) ON CONFLICT (stream_id) DO UPDATE SET n = excluded.n', [e.streamId, Number(e.data.n ?? 0)]);
      },
    };
    // Refuses events with `n` over 10, in SQL, its answer never waited for.
    const guard: AppendGuard = {
      name: 'test-limit',
      handles: ['test.noted.v1'],
      check: (tx, e) =>
        expectOk(
          tx,
          { text: `SELECT CASE WHEN $1::int > 10 THEN 1 / 0 ELSE 1 END`, values: [Number(e.data.n ?? 0)] },
          (err) => ((err as { code?: string }).code === '22012' ? new Refused(`n=${String(e.data.n)} is over 10`) : err),
        ),
    };
    store = new EventStore(pool, [notes], [guard]);
    singleStore = new EventStore(single, [notes], [guard]);
  });
  afterAll(async () => {
    await single.end();
    await dataSource.destroy();
  });
  let singleStore: EventStore;

  const stored = async (s: string) => (await pool.query('SELECT count(*)::int AS n FROM events WHERE stream_id = $1', [s])).rows[0].n as number;
  const note = async (s: string) => (await pool.query('SELECT n FROM test_notes WHERE stream_id = $1', [s])).rows[0]?.n as number | undefined;

  it('answers the events as they will be read back, and stores them, the guard passing, with the projection, in one round trip', async () => {
    const s = uniqueStream();
    const client = await single.connect();
    const batches = await countBatches(client);
    client.release();
    const answered = await singleStore.transaction((tx) =>
      singleStore.appendNewIn(tx, [{ streamId: s, expectedVersion: 'no_stream', events: [event({ n: 3 })] }]),
    );
    // The transaction's one batch (BEGIN … COMMIT), then the readers' wake-up (pg_notify after COMMIT).
    expect(batches()).toBe(2);
    expect(answered.map((e) => [e.streamId, e.streamVersion, e.position])).toEqual([[s, 1, -1n]]);
    const [read] = await store.readStream(s);
    expect({ ...read, position: -1n, txId: '' }).toEqual(answered[0]);
    expect(await note(s)).toBe(3);
  });

  it("throws a guard's refusal, translated, at COMMIT, and stores nothing", async () => {
    const s = uniqueStream();
    const append = store.transaction((tx) => store.appendNewIn(tx, [{ streamId: s, expectedVersion: 'no_stream', events: [event({ n: 11 })] }]));
    await expect(append).rejects.toThrow(new Refused('n=11 is over 10'));
    expect(await stored(s)).toBe(0);
    expect(await note(s)).toBeUndefined();
  });

  it('throws a ConcurrencyError when the stream exists, not the aborted-transaction errors after it', async () => {
    const s = uniqueStream();
    await store.append({ streamId: s, expectedVersion: 'no_stream', events: [event({ n: 1 })] });
    const append = store.transaction((tx) => store.appendNewIn(tx, [{ streamId: s, expectedVersion: 'no_stream', events: [event({ n: 2 })] }]));
    await expect(append).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await stored(s)).toBe(1);
    expect(await note(s)).toBe(1);
  });

  it('checks a condition in the insert itself: stored when it holds, nothing stored (its own error) when it raises', async () => {
    const [held, stale] = [uniqueStream(), uniqueStream()];
    const condition = (expected: string): AppendCondition => ({
      name: 'test_stream_named',
      sql: (p) => `ember_fresh($${p}::text = $${p + 1}::text, 'not ' || $${p + 1}::text)`,
      values: [expected, held],
    });
    const client = await single.connect();
    const batches = await countBatches(client);
    client.release();
    await singleStore.transaction((tx) =>
      singleStore.appendNewIn(tx, [{ streamId: held, expectedVersion: 'no_stream', events: [event({ n: 1 })] }], condition(held)),
    );
    expect(batches()).toBe(2); // the transaction's one batch, then the readers' wake-up
    expect(await stored(held)).toBe(1);
    const append = store.transaction((tx) =>
      store.appendNewIn(tx, [{ streamId: stale, expectedVersion: 'no_stream', events: [event({ n: 1 })] }], condition('another')),
    );
    await expect(append).rejects.toSatisfy(isStaleRead);
    expect(await stored(stale)).toBe(0);
    expect(await note(stale)).toBeUndefined();
  });

  it('appends to an existing stream in two round trips: its check, then the insert, guard, projection and COMMIT', async () => {
    const s = uniqueStream();
    await singleStore.append({ streamId: s, expectedVersion: 'no_stream', events: [event({ n: 1 })] });
    const client = await single.connect();
    const batches = await countBatches(client);
    client.release();
    const result = await singleStore.append({ streamId: s, expectedVersion: 1, events: [event({ n: 2 }), event({ n: 4 })] });
    // BEGIN with the check; the inserts, guard checks, projection writes and COMMIT; then the readers' wake-up.
    expect(batches()).toBe(3);
    const read = await store.readStream(s);
    expect(result.versions).toEqual({ [s]: 3 });
    expect(result.events).toEqual(read.slice(1)); // as stored: global positions drawn
    expect(result.events.every((e) => e.position > 0n)).toBe(true);
    expect(await note(s)).toBe(4);
  });

  it("throws an existing stream's lost race at COMMIT as a ConcurrencyError, and stores nothing of it", async () => {
    const s = uniqueStream();
    await store.append({ streamId: s, expectedVersion: 'no_stream', events: [event({ n: 1 })] });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const firstInserted = new Promise<void>((r) => (inserted = r));
    // The first writer has inserted version 2 and not committed; the second checks (still version 1),
    // inserts version 2 too and waits on the key until the first commits.
    const first = store.transaction(async (tx) => {
      await store.appendIn(tx, [{ streamId: s, expectedVersion: 1, events: [event({ n: 2 })] }]);
      inserted();
      await held;
    });
    await firstInserted;
    const second = store.append({ streamId: s, expectedVersion: 1, events: [event({ n: 3 })] });
    await new Promise((r) => setTimeout(r, 100));
    release();
    await first;
    await expect(second).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await stored(s)).toBe(2);
    expect(await note(s)).toBe(2);
  });

  it('refuses streams that are not new', async () => {
    const s = uniqueStream();
    const append = store.transaction((tx) => store.appendNewIn(tx, [{ streamId: s, expectedVersion: 0, events: [event()] }]));
    await expect(append).rejects.toThrow(/not a new stream/);
  });

  it('leaves appendIn as it was: when it returns, the guards have decided (their answers are in)', async () => {
    const s = uniqueStream();
    const decided = store.transaction(async (tx) => {
      await store.appendIn(tx, [{ streamId: s, expectedVersion: 'no_stream', events: [event({ n: 12 })] }]);
      return 'not refused';
    });
    await expect(decided).rejects.toThrow(new Refused('n=12 is over 10'));
    expect(await stored(s)).toBe(0);
  });
});
