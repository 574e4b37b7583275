import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `ember_fresh(ok, what)`: fails the statement with SQLSTATE EMSTL (see StaleReadError) unless `ok`.
 * A writer that decided on a state it remembered sends, in the same batch as its writes, a check that
 * the read model still holds that version; a stale memory aborts the transaction instead of writing.
 */
export class StaleReadCheck1764000000800 implements MigrationInterface {
  name = 'StaleReadCheck1764000000800';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ember_fresh(ok boolean, what text) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        IF ok IS NOT TRUE THEN
          RAISE EXCEPTION 'stale read: %', what USING ERRCODE = 'EMSTL';
        END IF;
        RETURN true;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION ember_fresh(boolean, text)');
  }
}
