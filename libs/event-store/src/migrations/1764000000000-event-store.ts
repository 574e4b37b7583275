import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only event log, its global-order index, wake-ups and the refusal to rewrite history. */
export class EventStore1764000000000 implements MigrationInterface {
  name = 'EventStore1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE events (
        position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tx_id          xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id      text        NOT NULL,
        stream_version integer     NOT NULL CHECK (stream_version > 0),
        event_id       uuid        NOT NULL,
        type           text        NOT NULL,
        schema_version integer     NOT NULL DEFAULT 1,
        data           jsonb       NOT NULL,
        metadata       jsonb       NOT NULL DEFAULT '{}',
        recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
        CONSTRAINT events_event_id_key UNIQUE (event_id)
      )`);
    await db.query(`CREATE INDEX events_global_order ON events (tx_id, position)`);
    await db.query(`
      CREATE TABLE subscription_checkpoints (
        name       text PRIMARY KEY,
        tx_id      xid8   NOT NULL DEFAULT '0',
        position   bigint NOT NULL DEFAULT 0,
        updated_at timestamptz
      )`);
    // One wake-up per appending statement, delivered at commit: readers LISTEN instead of polling hard.
    await db.query(`
      CREATE FUNCTION ember_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('ember_events', ''); RETURN NULL; END $$`);
    await db.query(`
      CREATE TRIGGER events_notify AFTER INSERT ON events
        FOR EACH STATEMENT EXECUTE FUNCTION ember_notify_events()`);
    // Events are facts: history is never rewritten. (A superuser can still disable the trigger;
    // tamper evidence for that case comes from the hash chain.)
    await db.query(`
      CREATE FUNCTION ember_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
    await db.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION ember_events_append_only()`);
    await db.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION ember_events_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE subscription_checkpoints');
    await db.query('DROP TABLE events');
    await db.query('DROP FUNCTION ember_notify_events');
    await db.query('DROP FUNCTION ember_events_append_only');
  }
}
