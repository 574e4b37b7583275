import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isolatedDatabase, uniqueStream } from '../../../../test/support/database.js';
import { createDataSource } from '../database.js';
import { ConcurrencyError } from '../event-store.errors.js';
import { EventStore } from '../event-store.js';
import type { NewEvent } from '../event.types.js';
import { chainHashes, eventHash, GENESIS_HASH } from '../hashing/event-hash.js';
import { STORED_EVENT_COLUMNS, toHashedContent, type StoredEventRow } from '../hashing/stored-event.js';
import { EventHashes1764000000500 as Migration } from '../migrations/1764000000500-event-hashes.js';
import { Sealer } from '../seals/sealer.js';
import { verifyLog } from './verify-log.js';
import type { VerifyOptions } from './verify.types.js';

const event = (n: number, type = 'test.happened.v1'): NewEvent => ({
  eventId: randomUUID(),
  type,
  data: { n, label: `événement ${n}`, nested: { z: [1, 2.5, null], a: true } },
  metadata: { requestId: `req-${randomUUID()}`, roles: ['member'] },
});

/** Each test gets a database of its own: tampering must not leak into other tests' logs. */
let db: { url: string; drop: () => Promise<void> };
let pool: pg.Pool;
let closed: Promise<void>[];
let store: EventStore;
let sealer: Sealer;

beforeEach(async () => {
  db = await isolatedDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 12 });
  // pool.end() resolves before its connections are closed: wait for them, or dropping the database races them.
  closed = [];
  pool.on('connect', (client) => closed.push(new Promise((resolve) => client.once('end', resolve))));
  store = new EventStore(pool);
  sealer = new Sealer(pool, { maxEvents: 4 });
});
afterEach(async () => {
  await pool.end();
  await Promise.all(closed);
  await db.drop();
});

async function verify(options: VerifyOptions = {}) {
  const client = await pool.connect();
  try {
    return await verifyLog(client, options);
  } finally {
    client.release();
  }
}

/** What an attacker with superuser does: switch the append-only triggers off, rewrite, switch them back on. */
async function tamper(sql: string, values: unknown[] = []) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    await client.query('ALTER TABLE event_seals DISABLE TRIGGER event_seals_append_only');
    await client.query(sql, values);
    await client.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
    await client.query('ALTER TABLE event_seals ENABLE TRIGGER event_seals_append_only');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

const storedStream = async (streamId: string) =>
  (await pool.query<StoredEventRow>(`SELECT ${STORED_EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`, [streamId])).rows;

/** The attacker's next step: recompute the stream's chain so that it is internally consistent again. */
async function rechain(streamId: string) {
  const rows = await storedStream(streamId);
  const hashes = chainHashes(GENESIS_HASH, rows.map((r) => toHashedContent(r)));
  for (const [i, r] of rows.entries()) {
    await tamper('UPDATE events SET hash = $1 WHERE event_id = $2', [hashes[i], r.event_id]);
  }
}

async function appendStream(length: number, streamId = uniqueStream()) {
  const events = Array.from({ length }, (_, i) => event(i + 1));
  await store.append({ streamId, expectedVersion: 'no_stream', events });
  return { streamId, ids: events.map((e) => e.eventId) };
}

describe('hash chain', () => {
  it('chains each stream from genesis: hash = sha256(previous ‖ canonical stored event), recomputable from the rows', async () => {
    const { streamId } = await appendStream(2);
    await store.append({ streamId, expectedVersion: 2, events: [event(3)] });
    await store.append([
      { streamId, expectedVersion: 3, events: [event(4)] },
      { streamId: uniqueStream(), expectedVersion: 'no_stream', events: [event(1), event(2)] },
    ]);
    const rows = await storedStream(streamId);
    let previous = GENESIS_HASH;
    for (const row of rows) {
      previous = eventHash(previous, toHashedContent(row));
      expect(row.hash!.equals(previous)).toBe(true);
    }
    const report = await verify();
    expect(report).toMatchObject({ ok: true, events: 6, streams: 2, problem: null });
  });

  it('hashes the stored form: ids as Postgres spells them, numbers and key order as jsonb returns them', async () => {
    const streamId = uniqueStream();
    const eventId = randomUUID().toUpperCase();
    const data = { z: 1, a: { y: [1e21, 2 ** 60, -0, 0.1], x: 'ü\u2028😀' }, dropped: undefined, at: new Date(0) };
    const result = await store.append({ streamId, expectedVersion: 'no_stream', events: [{ eventId, type: 'test.odd.v3', data }] });
    expect(result.events[0]!.eventId).toBe(eventId.toLowerCase());
    expect(await verify()).toMatchObject({ ok: true, events: 1 });
  });

  it('keeps one valid chain per stream under concurrent appends', async () => {
    const streamId = uniqueStream();
    const others = Array.from({ length: 6 }, () => uniqueStream());
    const appendOne = async (s: string, n: number) => {
      for (;;) {
        try {
          return await store.append({ streamId: s, expectedVersion: 'any', events: [event(n), event(n + 100)] });
        } catch (e) {
          if (!(e instanceof ConcurrencyError)) throw e;
        }
      }
    };
    await Promise.all([
      ...Array.from({ length: 12 }, (_, n) => appendOne(streamId, n)),
      ...others.flatMap((s) => [appendOne(s, 1), appendOne(s, 2)]),
    ]);
    expect((await storedStream(streamId)).map((r) => r.stream_version)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    await sealer.sealPending();
    expect(await verify()).toMatchObject({ ok: true, events: 24 + 6 * 4, streams: 7, sealedEvents: 48, unsealedEvents: 0 });
  });

  it('hashes legacy events when the migration backfills them exactly as appends would have', async () => {
    const { streamId } = await appendStream(3);
    const before = (await storedStream(streamId)).map((r) => r.hash!.toString('hex'));
    const ds = await createDataSource({ url: db.url, poolSize: 1 }).initialize();
    const runner = ds.createQueryRunner();
    try {
      await new Migration().down(runner);
      await runner.startTransaction();
      await new Migration().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
      await ds.destroy();
    }
    expect((await storedStream(streamId)).map((r) => r.hash!.toString('hex'))).toEqual(before);
    expect((await verify()).ok).toBe(true);
  });
});

describe('ember verify catches tampering', () => {
  it('names an event whose data was changed by SQL', async () => {
    const { streamId, ids } = await appendStream(3);
    await tamper(`UPDATE events SET data = jsonb_set(data, '{n}', '99') WHERE event_id = $1`, [ids[1]]);
    const { ok, problem } = await verify();
    expect(ok).toBe(false);
    expect(problem).toMatchObject({ kind: 'altered', eventId: ids[1], streamId, streamVersion: 2 });
    expect(problem!.message).toBe(`event ${ids[1]} (stream ${streamId}, version 2) was altered: its hash does not match its content`);
  });

  it('names an event whose recorded time or metadata was changed', async () => {
    const { ids } = await appendStream(2);
    await tamper(`UPDATE events SET recorded_at = recorded_at - interval '1 day' WHERE event_id = $1`, [ids[0]]);
    expect((await verify()).problem).toMatchObject({ kind: 'altered', eventId: ids[0] });
  });

  it('names the version missing from a stream when an event is deleted', async () => {
    const { streamId, ids } = await appendStream(4);
    await tamper('DELETE FROM events WHERE event_id = $1', [ids[2]]);
    const { problem } = await verify();
    expect(problem).toMatchObject({ kind: 'removed', streamId, streamVersion: 3 });
    expect(problem!.message).toBe(`stream ${streamId}: version 3 is missing (removed)`);
  });

  it('names a deleted sealed event by id, stream and version', async () => {
    const { streamId, ids } = await appendStream(4);
    await sealer.sealPending();
    await tamper('DELETE FROM events WHERE event_id = $1', [ids[1]]);
    const { problem } = await verify();
    expect(problem).toMatchObject({ kind: 'removed', eventId: ids[1], streamId, streamVersion: 2, sealNo: 1 });
    expect(problem!.message).toBe(
      `event ${ids[1]} (stream ${streamId}, version 2) was removed: seal 1 recorded it (after event ${ids[0]}) and the log no longer has it`,
    );
  });

  it('names a deleted last event of a stream, which leaves no gap, from the seal that recorded it', async () => {
    const { ids } = await appendStream(3);
    await appendStream(2);
    await sealer.sealPending();
    await tamper('DELETE FROM events WHERE event_id = $1', [ids[2]]);
    const { problem } = await verify();
    expect(problem).toMatchObject({ kind: 'removed', eventId: ids[2], sealNo: 1 });
    expect(problem!.message).toMatch(new RegExp(`^event ${ids[2]} was removed: seal 1 recorded it \\(after event ${ids[1]}\\)`));
  });

  it('names a forged event inserted with a valid recomputed hash into sealed history', async () => {
    const { streamId } = await appendStream(2);
    await appendStream(3);
    await sealer.sealPending();
    const [, second] = await storedStream(streamId);
    const { rows } = await pool.query<{ tx_id: string }>('SELECT tx_id::text FROM events WHERE event_id = $1', [second!.event_id]);
    // A third event for the stream, hashed correctly after version 2 and slipped into the sealed past.
    const forged = { ...second!, stream_version: 3, event_id: randomUUID(), data: { n: 3, forged: true } };
    const hash = eventHash(second!.hash!, toHashedContent(forged));
    await tamper(
      `INSERT INTO events (position, tx_id, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
       OVERRIDING SYSTEM VALUE VALUES (1000000, $1::xid8, $2, 3, $3, $4, 1, $5, $6, $7::timestamptz, $8)`,
      [rows[0]!.tx_id, streamId, forged.event_id, forged.type, forged.data, forged.metadata, forged.recorded_at, hash],
    );
    const { problem } = await verify();
    expect(problem).toMatchObject({ kind: 'inserted', eventId: forged.event_id, streamId, streamVersion: 3 });
    expect(problem!.message).toMatch(/was inserted: it is not in seal \d+, which covers its place in the global order$/);
  });

  it('names two events of a stream whose versions were swapped', async () => {
    const { streamId, ids } = await appendStream(4);
    await tamper('UPDATE events SET stream_version = 1000 WHERE event_id = $1', [ids[1]]);
    await tamper('UPDATE events SET stream_version = 2 WHERE event_id = $1', [ids[2]]);
    await tamper('UPDATE events SET stream_version = 3 WHERE event_id = $1', [ids[1]]);
    const { problem } = await verify();
    expect(problem).toMatchObject({ kind: 'reordered', eventId: ids[2], streamId, streamVersion: 2 });
    expect(problem!.message).toBe(
      `events reordered in stream ${streamId}: event ${ids[2]} is now version 2 but was recorded as version 3, after event ${ids[1]}; event ${ids[1]} holds version 3 now`,
    );
  });

  it('names two sealed events of different streams whose places in the global order were swapped', async () => {
    const a = await appendStream(1);
    const b = await appendStream(1);
    await sealer.sealPending();
    // Positions are identity columns; swapping the writing transactions' ids swaps the global order.
    await tamper(
      `UPDATE events e SET tx_id = o.tx_id FROM events o WHERE e.event_id IN ($1, $2) AND o.event_id IN ($1, $2) AND o.event_id <> e.event_id`,
      [a.ids[0], b.ids[0]],
    );
    const { problem } = await verify();
    expect(problem).toMatchObject({ kind: 'reordered', eventId: b.ids[0], streamId: b.streamId, sealNo: 1 });
    expect(problem!.message).toBe(
      `events reordered: event ${b.ids[0]} (stream ${b.streamId}, version 1) now comes before event ${a.ids[0]} (stream ${a.streamId}, version 1), but seal 1 recorded it after event ${a.ids[0]}`,
    );
  });

  it('names an event altered together with its whole stream chain, from the seal covering it', async () => {
    const { streamId, ids } = await appendStream(3);
    await sealer.sealPending();
    await tamper(`UPDATE events SET data = jsonb_set(data, '{n}', '42') WHERE event_id = $1`, [ids[0]]);
    await rechain(streamId);
    const { problem } = await verify();
    expect(problem).toMatchObject({ kind: 'altered', eventId: ids[0], streamId, streamVersion: 1, sealNo: 1 });
    expect(problem!.message).toBe(
      `event ${ids[0]} (stream ${streamId}, version 1) was altered and its stream's hash chain recomputed to hide it: its hash differs from the one seal 1 recorded`,
    );
  });

  it('names a removed seal, and a rewrite of all history and seals once an anchor was kept elsewhere', async () => {
    const { streamId, ids } = await appendStream(9);
    const seals = await sealer.sealPending();
    expect(seals.map((s) => s.eventIds.length)).toEqual([4, 4, 1]);
    const anchor = { sealNo: 3, hash: seals[2]!.hash.toString('hex') };
    expect((await verify({ anchor })).lastSeal).toEqual(anchor);

    await tamper('DELETE FROM event_seals WHERE seal_no = 2');
    expect((await verify()).problem).toMatchObject({ kind: 'seal', sealNo: 2, message: 'seal 2 is missing (removed): the seals jump from 1 to 3' });

    // The thorough attacker: rewrites an event, its stream's chain, and every seal.
    await tamper(`UPDATE events SET data = jsonb_set(data, '{n}', '42') WHERE event_id = $1`, [ids[4]]);
    await rechain(streamId);
    await tamper('DELETE FROM event_seals');
    await sealer.sealPending();
    expect((await verify()).ok).toBe(true); // consistent again: only something kept outside the database can tell
    const { problem } = await verify({ anchor });
    expect(problem).toMatchObject({ kind: 'seal', sealNo: 3 });
    expect(problem!.message).toMatch(/^seal 3 does not match the anchor/);
  });
});
