import pg from 'pg';
import type { SqlExecutor } from '#ember/event-store';

const ident = pg.escapeIdentifier;

/**
 * A private schema holding empty copies of the live read-model tables (columns, defaults, NOT NULL,
 * CHECK and key constraints under their live names) for a replay to fill. Secondary indexes, storage
 * options and grants come last ({@link completeLike}), so the bulk load maintains only the keys the
 * projections look rows up by. Tables that will be swapped in are WAL-logged from the start
 * (`durable`): logging them while the rebuild is bound by the client costs less than rewriting them
 * to log them afterwards, when nothing else runs; tables only compared stay unlogged.
 */
export class ShadowSchema {
  constructor(
    readonly name: string,
    readonly live: string,
    readonly tables: readonly string[],
    readonly durable: boolean,
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
        `CREATE ${this.durable ? '' : 'UNLOGGED '}TABLE ${this.qualified(table)} (LIKE ${live} INCLUDING ALL EXCLUDING INDEXES)`,
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
   * Makes the filled tables like the live ones in everything a swap would otherwise lose: WAL logging
   * (if not `durable`), storage options, grants, the other indexes (under their live names, so later
   * migrations find them); then gathers planner statistics. Logging comes first: it rewrites the table
   * and rebuilds every index it has. The work is spread over `connections` (independent statements run
   * side by side: each table's rewrite, then each index build, largest table first, then statistics).
   */
  async completeLike(connections: readonly SqlExecutor[]): Promise<void> {
    const db = connections[0]!;
    const indexes: { def: string; size: number }[] = [];
    for (const table of this.tables) {
      const live = this.qualified(table, this.live);
      const target = this.qualified(table);
      const { rows } = await db.query<{ def: string; size: string }>(
        `SELECT replace(pg_get_indexdef(i.indexrelid),
                        ' ON ' || quote_ident($2) || '.' || quote_ident($4) || ' USING ',
                        ' ON ' || quote_ident($3) || '.' || quote_ident($4) || ' USING ') AS def,
                pg_relation_size($5::regclass)::text AS size
           FROM pg_index i
          WHERE i.indrelid = $1::regclass
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
        [live, this.live, this.name, table, target],
      );
      indexes.push(...rows.map((r) => ({ def: r.def, size: Number(r.size) })));
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
    }
    const side = (statements: string[]) => inParallel(connections, statements);
    if (!this.durable) await side(this.tables.map((t) => `ALTER TABLE ${this.qualified(t)} SET LOGGED`));
    await side(indexes.sort((a, b) => b.size - a.size).map((i) => i.def));
    await side(this.tables.map((t) => `ANALYZE ${this.qualified(t)}`));
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

/** Runs `statements` (independent of each other) over `connections`, each taking the next when done. */
async function inParallel(connections: readonly SqlExecutor[], statements: readonly string[]): Promise<void> {
  let next = 0;
  await Promise.all(
    connections.map(async (db) => {
      while (next < statements.length) await db.query(statements[next++]!);
    }),
  );
}
