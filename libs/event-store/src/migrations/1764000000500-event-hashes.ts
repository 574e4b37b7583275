import type { MigrationInterface, QueryRunner } from 'typeorm';
import { eventHash, GENESIS_HASH } from '../hashing/event-hash.js';
import { STORED_EVENT_COLUMNS, toHashedContent, type StoredEventRow } from '../hashing/stored-event.js';

const BATCH = 2000;

/**
 * Tamper evidence: a per-stream hash chain on `events` (backfilled for the events already stored) and
 * `event_seals`, hash-chained receipts of the global committed order written by the sealer.
 *
 * The backfill rewrites `hash` only, with the append-only trigger disabled inside this migration's own
 * transaction (DDL is transactional: no other session ever sees the table without its trigger). After
 * this migration `hash` is NOT NULL: writers of an older Ember version can no longer append, rather
 * than silently leaving holes in the chains, so roll the writers right after migrating.
 */
export class EventHashes1764000000500 implements MigrationInterface {
  name = 'EventHashes1764000000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE events ADD COLUMN hash bytea');
    await db.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    await backfill(db);
    await db.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
    await db.query('ALTER TABLE events ALTER COLUMN hash SET NOT NULL');
    await db.query('ALTER TABLE events ADD CONSTRAINT events_hash_length CHECK (octet_length(hash) = 32)');
    await db.query(`
      CREATE TABLE event_seals (
        seal_no        bigint PRIMARY KEY CHECK (seal_no > 0),
        up_to_tx_id    xid8        NOT NULL,
        up_to_position bigint      NOT NULL,
        event_count    integer     NOT NULL CHECK (event_count > 0),
        event_ids      uuid[]      NOT NULL CHECK (cardinality(event_ids) = event_count),
        event_hashes   bytea       NOT NULL CHECK (octet_length(event_hashes) = 32 * event_count),
        hash           bytea       NOT NULL CHECK (octet_length(hash) = 32),
        sealed_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE FUNCTION ember_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
    await db.query(`
      CREATE TRIGGER event_seals_append_only BEFORE UPDATE OR DELETE ON event_seals
        FOR EACH ROW EXECUTE FUNCTION ember_refuse_rewrite()`);
    await db.query(`
      CREATE TRIGGER event_seals_no_truncate BEFORE TRUNCATE ON event_seals
        FOR EACH STATEMENT EXECUTE FUNCTION ember_refuse_rewrite()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE event_seals');
    await db.query('DROP FUNCTION ember_refuse_rewrite');
    await db.query('ALTER TABLE events DROP CONSTRAINT events_hash_length');
    await db.query('ALTER TABLE events DROP COLUMN hash');
  }
}

/** Chains every stream from its first event, in (stream, version) pages. */
async function backfill(db: QueryRunner): Promise<void> {
  let after = null as { streamId: string; version: number } | null;
  let previous = GENESIS_HASH;
  for (;;) {
    const rows: (StoredEventRow & { position: string })[] = await db.query(
      `SELECT position::text AS position, ${STORED_EVENT_COLUMNS} FROM events
        WHERE ($1::text IS NULL OR (stream_id, stream_version) > ($1::text, $2::int))
        ORDER BY stream_id, stream_version LIMIT ${BATCH}`,
      [after?.streamId ?? null, after?.version ?? 0],
    );
    if (rows.length === 0) return;
    const positions: string[] = [];
    const hashes: Buffer[] = [];
    for (const row of rows) {
      if (row.stream_id !== after?.streamId) previous = GENESIS_HASH;
      previous = eventHash(previous, toHashedContent(row));
      positions.push(row.position);
      hashes.push(previous);
      after = { streamId: row.stream_id, version: row.stream_version };
    }
    await db.query(
      `UPDATE events SET hash = v.hash FROM unnest($1::bigint[], $2::bytea[]) AS v(position, hash)
        WHERE events.position = v.position`,
      [positions, hashes],
    );
  }
}

