import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Readers are woken by the writers after they commit (AppendNotifier) instead of by a trigger inside
 * every appending transaction: a NOTIFY in a transaction serialises its commit with every other
 * notifying commit, WAL flush included, which capped the append rate of the whole service.
 */
export class NotifyAfterCommit1764000000600 implements MigrationInterface {
  name = 'NotifyAfterCommit1764000000600';

  async up(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER IF EXISTS events_notify ON events');
    await db.query('DROP FUNCTION IF EXISTS ember_notify_events()');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ember_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('ember_events', ''); RETURN NULL; END $$`);
    await db.query(`
      CREATE TRIGGER events_notify AFTER INSERT ON events
        FOR EACH STATEMENT EXECUTE FUNCTION ember_notify_events()`);
  }
}
