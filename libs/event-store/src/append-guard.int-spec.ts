import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, uniqueStream } from '../../../test/support/database.js';
import type { AppendGuard } from './append-guard.js';
import { EventStore } from './event-store.js';
import type { NewEvent } from './event.types.js';
import type { InlineProjection } from './inline-projection.js';

const tally = (key: string, n = 1): NewEvent => ({ eventId: randomUUID(), type: 'test.tallied.v1', data: { key, n } });

/** A guard allows at most 3 per key, read from the rows a projection keeps: the shape of a quota. */
describe('EventStore append guards', () => {
  let dataSource: DataSource;
  let pool: pg.Pool;
  let store: EventStore;
  const checked: string[] = [];

  beforeAll(async () => {
    ({ dataSource, pool } = await openTestDatabase(10));
    await pool.query('CREATE TABLE IF NOT EXISTS test_tallies (key text PRIMARY KEY, n int NOT NULL)');
    const projection: InlineProjection = {
      name: 'test-tallies',
      handles: ['test.tallied.v1'],
      async apply(tx, e) {
        await tx.query('INSERT INTO test_tallies VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET n = test_tallies.n + $2', [
          e.data.key,
          e.data.n,
        ]);
      },
    };
    const guard: AppendGuard = {
      name: 'at-most-3',
      handles: ['test.tallied.v1'],
      async check(tx, e) {
        checked.push(e.eventId);
        const { rows } = await tx.query<{ n: number }>('SELECT n FROM test_tallies WHERE key = $1', [e.data.key]);
        if ((rows[0]?.n ?? 0) + Number(e.data.n) > 3) throw new Error(`too many ${String(e.data.key)}`);
      },
    };
    store = new EventStore(pool, [projection], [guard]);
  });
  afterAll(async () => dataSource.destroy());

  const count = async (key: string) =>
    (await pool.query<{ n: number }>('SELECT n FROM test_tallies WHERE key = $1', [key])).rows[0]?.n ?? 0;

  it('checks each event after the projections of the events before it in the same append', async () => {
    const key = randomUUID();
    const [s1, s2] = [uniqueStream(), uniqueStream()];
    await store.append([
      { streamId: s1, expectedVersion: 'no_stream', events: [tally(key, 2)] },
      { streamId: s2, expectedVersion: 'no_stream', events: [tally(key)] },
    ]);
    expect(await count(key)).toBe(3);
    await expect(store.append({ streamId: uniqueStream(), expectedVersion: 'no_stream', events: [tally(key)] })).rejects.toThrow(
      `too many ${key}`,
    );
  });

  it('rolls the whole append back when a guard refuses: no events, no read-model rows', async () => {
    const key = randomUUID();
    const [s1, s2] = [uniqueStream(), uniqueStream()];
    const refused = store.append([
      { streamId: s1, expectedVersion: 'no_stream', events: [tally(key, 2)] },
      { streamId: s2, expectedVersion: 'no_stream', events: [tally(key, 2)] },
    ]);
    await expect(refused).rejects.toThrow(`too many ${key}`);
    expect(await store.readStream(s1)).toEqual([]);
    expect(await store.readStream(s2)).toEqual([]);
    expect(await count(key)).toBe(0);
  });

  it('answers an idempotent retry with the stored events, counting nothing twice, even where its guard would now refuse', async () => {
    const key = randomUUID();
    const events = [tally(key, 3)];
    const s = uniqueStream();
    await store.append({ streamId: s, expectedVersion: 'no_stream', events });
    // The key is full (3 of 3): were the retry admitted again, its guard would refuse it.
    const retry = await store.append({ streamId: s, expectedVersion: 'no_stream', events });
    expect(retry.duplicate).toBe(true);
    expect(retry.events.map((e) => e.eventId)).toEqual([events[0]!.eventId]);
    expect(await count(key)).toBe(3);
    expect(checked).toContain(events[0]!.eventId);
  });
});
