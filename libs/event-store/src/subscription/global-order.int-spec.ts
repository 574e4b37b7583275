import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, uniqueStream } from '../../../../test/support/database.js';
import { EventStore } from '../event-store.js';
import { START, type GlobalPosition, type RecordedEvent } from '../event.types.js';
import { CheckpointedSubscription } from './checkpointed-subscription.js';
import { EventListener } from './event-listener.js';

const event = () => ({ eventId: randomUUID(), type: 'test.ordered.v1', data: {} });

/** Reads everything committed after `from`, like a subscriber would, keeping only our streams. */
async function readMine(store: EventStore, from: GlobalPosition, mine: Set<string>) {
  const seen: RecordedEvent[] = [];
  let cursor = from;
  for (;;) {
    const batch = await store.readAll(cursor, 100);
    if (batch.length === 0) return { seen, cursor };
    seen.push(...batch.filter((e) => mine.has(e.streamId)));
    const last = batch[batch.length - 1]!;
    cursor = { txId: last.txId, position: last.position };
  }
}

describe('global committed order', () => {
  let dataSource: DataSource;
  let pool: pg.Pool;
  let store: EventStore;
  let url: string;

  beforeAll(async () => {
    ({ dataSource, pool, url } = await openTestDatabase(10));
    store = new EventStore(pool);
  });
  afterAll(async () => dataSource.destroy());

  it('never skips an event whose transaction began earlier but commits later', async () => {
    const [late, early1, early2] = [uniqueStream(), uniqueStream(), uniqueStream()];
    const mine = new Set([late, early1, early2]);
    let { cursor } = await readMine(store, START, mine);

    // Hold one transaction open with its event inserted (its position is drawn now)...
    const held = await pool.connect();
    await held.query('BEGIN');
    await store.appendIn(held, [{ streamId: late, expectedVersion: 'no_stream', events: [event()] }]);
    // ...while others commit after it.
    await store.append({ streamId: early1, expectedVersion: 'no_stream', events: [event()] });
    await store.append({ streamId: early2, expectedVersion: 'no_stream', events: [event()] });

    const whileOpen = await readMine(store, cursor, mine);
    // Nothing past the open transaction is handed out yet, so a checkpoint cannot jump over it.
    expect(whileOpen.seen).toHaveLength(0);
    cursor = whileOpen.cursor;

    await held.query('COMMIT');
    held.release();
    const after = await readMine(store, cursor, mine);
    expect(after.seen.map((e) => e.streamId)).toEqual([late, early1, early2]);
    // The late one has the smallest position of the three only because it was drawn first:
    // positions alone would have made a reader that checkpointed early1/early2 skip it.
    expect(after.seen[0]!.position < after.seen[1]!.position).toBe(true);
  });

  it('reads positions in numeric order across digit boundaries (999 < 1000), in batches, skipping none', async () => {
    const s = uniqueStream();
    const { cursor: from } = await readMine(store, START, new Set());
    // Enough events, in one transaction, that their positions cross the next power of ten.
    const { rows } = await pool.query('SELECT coalesce(max(position), 0)::bigint AS p FROM events');
    const current = Number(rows[0].p);
    const needed = 10 ** String(current + 1).length - current + 50;
    const many = Array.from({ length: Math.max(needed, 200) }, () => event());
    await store.append({ streamId: s, expectedVersion: 'no_stream', events: many });
    const seen: RecordedEvent[] = [];
    let cursor = from;
    for (;;) {
      const batch = await store.readAll(cursor, 97);
      if (batch.length === 0) break;
      seen.push(...batch.filter((e) => e.streamId === s));
      cursor = { txId: batch.at(-1)!.txId, position: batch.at(-1)!.position };
    }
    expect(seen.map((e) => e.streamVersion)).toEqual(many.map((_, i) => i + 1));
  });

  it('is not held back by a long transaction in another database of the same server', async () => {
    const other = new pg.Client({ connectionString: url.replace(/\/[^/?]+(\?|$)/, '/postgres$1') });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()'); // holds an xid, older than the append below
      const s = uniqueStream('elsewhere');
      let { cursor } = await readMine(store, START, new Set());
      await store.append({ streamId: s, expectedVersion: 'no_stream', events: [event()] });
      const { seen } = await readMine(store, cursor, new Set([s]));
      expect(seen.map((e) => e.streamId)).toEqual([s]);
    } finally {
      await other.query('ROLLBACK').catch(() => undefined);
      await other.end();
    }
  });

  it('hands every event to exactly one of two competing subscription replicas, checkpointing as it goes', async () => {
    const name = `test-sub-${randomUUID()}`;
    const streams = Array.from({ length: 30 }, () => uniqueStream('sub'));
    const mine = new Set(streams);
    // Start the subscription at the current end so other tests' events don't matter.
    const { cursor } = await readMine(store, START, new Set());
    await pool.query('INSERT INTO subscription_checkpoints (name, tx_id, position) VALUES ($1, $2::xid8, $3)', [
      name,
      cursor.txId,
      cursor.position.toString(),
    ]);

    const handled: string[] = [];
    const listener = new EventListener(url);
    await listener.start();
    const make = () =>
      new CheckpointedSubscription(
        store,
        {
          name,
          batchSize: 7,
          pollMs: 200,
          handle: async (events) => {
            for (const e of events) if (mine.has(e.streamId)) handled.push(e.streamId);
            await new Promise((r) => setTimeout(r, 5));
          },
        },
        listener,
      );
    const [a, b] = [make(), make()];
    a.start();
    b.start();
    await Promise.all(
      streams.map((s) => store.append({ streamId: s, expectedVersion: 'no_stream', events: [event()] })),
    );
    const deadline = Date.now() + 10_000;
    while (handled.length < streams.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await Promise.all([a.stop(), b.stop()]);
    await listener.stop();

    expect(handled.sort()).toEqual([...streams].sort());
    const cp = await pool.query('SELECT position::text FROM subscription_checkpoints WHERE name = $1', [name]);
    expect(BigInt(cp.rows[0].position) > cursor.position).toBe(true);
  });

  it('wakes a LISTENing reader once an append has committed, the writer notifying after COMMIT', async () => {
    const listener = new EventListener(url);
    await listener.start();
    let wakes = 0;
    const off = listener.onWake(() => wakes++);
    try {
      await new Promise((r) => setTimeout(r, 100));
      const before = wakes;
      await store.append({ streamId: uniqueStream('wake'), expectedVersion: 'no_stream', events: [event()] });
      const deadline = Date.now() + 5_000;
      while (wakes === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(wakes).toBeGreaterThan(before);
      // A raw INSERT (no writer to notify) wakes nobody: the events table has no NOTIFY trigger any more.
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = 'events'::regclass AND tgname = 'events_notify'`);
      expect(rows[0].n).toBe(0);
    } finally {
      off();
      await listener.stop();
    }
  });

  it('rolls back a failed batch together with its checkpoint, then redelivers it', async () => {
    const name = `test-sub-${randomUUID()}`;
    const { cursor } = await readMine(store, START, new Set());
    await pool.query('INSERT INTO subscription_checkpoints (name, tx_id, position) VALUES ($1, $2::xid8, $3)', [
      name,
      cursor.txId,
      cursor.position.toString(),
    ]);
    const s = uniqueStream();
    await store.append({ streamId: s, expectedVersion: 'no_stream', events: [event()] });
    let calls = 0;
    const seen: string[] = [];
    const sub = new CheckpointedSubscription(store, {
      name,
      handle: async (events) => {
        calls++;
        if (calls === 1) throw new Error('crash mid-batch');
        seen.push(...events.filter((e) => e.streamId === s).map((e) => e.eventId));
      },
    });
    await expect(sub.drain()).rejects.toThrow('crash mid-batch');
    await sub.drain();
    expect(seen).toHaveLength(1);
  });
});
