import pg from 'pg';
import type { SqlExecutor } from '#ember/event-store';

const ident = pg.escapeIdentifier;

/**
 * A private schema holding empty copies of the live read-model tables (columns, defaults, NOT NULL,
 * CHECK and key constraints under their live names) for a replay to fill. Secondary indexes, storage
 * options, grants and WAL logging come last ({@link completeLike}), so the bulk load maintains only
 * the keys the projections look rows up by.
 */
export class ShadowSchema {
  constructor(
    readonly name: string,
    readonly live: string,
    readonly tables: readonly string[],
  ) {}

  qualified(table: string, schema = this.name): string {
    return `${ident(schema)}.${ident(table)}`;
  }

  /**
   * Creates the schema, its tables, and a view of the live `events` under the same name: with the
   * schema alone on the replaying connection's search_path, the projections' unqualified names reach
   * the copies, `events` still reads the log, and any table not copied fails loudly instead of
   * reaching a live table.
   */
  async create(db: SqlExecutor): Promise<void> {
    await db.query(`CREATE SCHEMA ${ident(this.name)}`);
    await db.query(`CREATE VIEW ${this.qualified('events')} AS SELECT * FROM ${this.qualified('events', this.live)}`);
    for (const table of this.tables) {
      const live = this.qualified(table, this.live);
      await db.query(
        `CREATE UNLOGGED TABLE ${this.qualified(table)} (LIKE ${live} INCLUDING ALL EXCLUDING INDEXES)`,
      );
      const { rows } = await db.query<{ conname: string; def: string }>(
        `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname`,
        [live],
      );
      for (const c of rows) await db.query(`ALTER TABLE ${this.qualified(table)} ADD CONSTRAINT ${ident(c.conname)} ${c.def}`);
    }
  }

  /**
   * Makes the filled tables like the live ones in everything a swap would otherwise lose: the other
   * indexes (under their live names, so later migrations find them), storage options, grants, WAL
   * logging; then gathers planner statistics.
   */
  async completeLike(db: SqlExecutor): Promise<void> {
    for (const table of this.tables) {
      const live = this.qualified(table, this.live);
      const target = this.qualified(table);
      const { rows: indexes } = await db.query<{ def: string }>(
        `SELECT replace(pg_get_indexdef(i.indexrelid),
                        ' ON ' || quote_ident($2) || '.' || quote_ident($4) || ' USING ',
                        ' ON ' || quote_ident($3) || '.' || quote_ident($4) || ' USING ') AS def
           FROM pg_index i
          WHERE i.indrelid = $1::regclass
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
        [live, this.live, this.name, table],
      );
      for (const { def } of indexes) await db.query(def);
      const { rows: options } = await db.query<{ options: string[] | null }>(
        'SELECT reloptions AS options FROM pg_class WHERE oid = $1::regclass',
        [live],
      );
      if (options[0]?.options) await db.query(`ALTER TABLE ${target} SET (${options[0].options.join(', ')})`);
      const { rows: grants } = await db.query<{ privilege: string; grantee: string | null }>(
        `SELECT a.privilege_type AS privilege, CASE WHEN a.grantee = 0 THEN NULL ELSE a.grantee::regrole::text END AS grantee
           FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = $1::regclass AND a.grantee <> c.relowner`,
        [live],
      );
      for (const g of grants) await db.query(`GRANT ${g.privilege} ON ${target} TO ${g.grantee ?? 'PUBLIC'}`);
      await db.query(`ALTER TABLE ${target} SET LOGGED`);
      await db.query(`ANALYZE ${target}`);
    }
  }

  /**
   * Moves the live tables out and the copies in, then drops the old tables and both schemas. The caller
   * holds ACCESS EXCLUSIVE on the live tables; this is all catalog work, done in its transaction.
   * DROP without CASCADE: an object depending on an old table (a view someone made) fails the swap
   * rather than vanishing.
   */
  async replaceLive(db: SqlExecutor): Promise<void> {
    const retired = `${this.name}_old`;
    await db.query(`CREATE SCHEMA ${ident(retired)}`);
    for (const table of this.tables) {
      await db.query(`ALTER TABLE ${this.qualified(table, this.live)} SET SCHEMA ${ident(retired)}`);
      await db.query(`ALTER TABLE ${this.qualified(table)} SET SCHEMA ${ident(this.live)}`);
    }
    for (const table of this.tables) await db.query(`DROP TABLE ${this.qualified(table, retired)}`);
    await db.query(`DROP SCHEMA ${ident(retired)}`);
    await db.query(`DROP VIEW ${this.qualified('events')}`);
    await db.query(`DROP SCHEMA ${ident(this.name)}`);
  }

  async drop(db: SqlExecutor): Promise<void> {
    await db.query(`DROP SCHEMA IF EXISTS ${ident(this.name)} CASCADE`);
  }
}
