import pg from 'pg';
import type { SqlExecutor } from '#ember/event-store';
import { READ_MODEL_COMPARED_AS, type ReadModelTable } from '../read-models.js';

/** One row that differs between the live read model and the replayed one. */
export interface RowDifference {
  table: string;
  /** The row's primary key. */
  key: Record<string, unknown>;
  /**
   * `live_only`: a live row the log does not produce; `replay_only`: a row the log produces that the
   * live table lacks; `changed`: in both, with other values.
   */
  problem: 'live_only' | 'replay_only' | 'changed';
  /** The columns whose values differ (every column of a row that is on one side only). */
  columns: { column: string; live: unknown; replayed: unknown }[];
}

export interface TableDiff {
  table: string;
  /** Rows that differ in all (`differences` holds at most `limit` of them). */
  count: number;
  differences: RowDifference[];
}

const ident = pg.escapeIdentifier;

/**
 * Compares a live table with its replayed copy as row sets (`EXCEPT ALL` both ways), then pairs the
 * leftovers by primary key to name the columns that differ.
 */
export async function diffTable(db: SqlExecutor, table: string, live: string, replayed: string, limit = 1000): Promise<TableDiff> {
  const [lt, rt] = [`${ident(live)}.${ident(table)}`, `${ident(replayed)}.${ident(table)}`];
  const comparedAs = READ_MODEL_COMPARED_AS[table as ReadModelTable];
  const keys = comparedAs ? comparedAs.keys.map((column) => ({ column })) : await primaryKeyOf(db, lt);
  if (keys.length === 0) throw new Error(`read model ${table} has no primary key to compare rows by`);
  const [l, r] = comparedAs ? [`(${comparedAs.rows(lt)})`, `(${comparedAs.rows(rt)})`] : [lt, rt];
  const on = keys.map(({ column }) => `l.${ident(column)} = r.${ident(column)}`).join(' AND ');
  const { rows } = await db.query<{ live: Record<string, unknown> | null; replayed: Record<string, unknown> | null; total: number }>(
    `WITH l AS (SELECT * FROM ${l} lt EXCEPT ALL SELECT * FROM ${r} rt),
          r AS (SELECT * FROM ${r} rt EXCEPT ALL SELECT * FROM ${l} lt)
     SELECT to_jsonb(l) AS live, to_jsonb(r) AS replayed, count(*) OVER () AS total
       FROM l FULL JOIN r ON ${on}
      LIMIT ${limit}`,
  );
  return {
    table,
    count: rows[0]?.total ?? 0,
    differences: rows.map((row) => describe(table, keys.map((k) => k.column), row.live, row.replayed)),
  };
}

async function primaryKeyOf(db: SqlExecutor, table: string): Promise<{ column: string }[]> {
  const { rows } = await db.query<{ column: string }>(
    `SELECT a.attname AS column FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [table],
  );
  return rows;
}

function describe(
  table: string,
  keyColumns: string[],
  live: Record<string, unknown> | null,
  replayed: Record<string, unknown> | null,
): RowDifference {
  const some = (live ?? replayed)!;
  const key = Object.fromEntries(keyColumns.map((c) => [c, some[c]]));
  const names = Object.keys(some);
  const columns = names
    .filter((c) => !live || !replayed || JSON.stringify(live[c]) !== JSON.stringify(replayed[c]))
    .map((c) => ({ column: c, live: live ? live[c] : undefined, replayed: replayed ? replayed[c] : undefined }));
  return { table, key, problem: !replayed ? 'live_only' : !live ? 'replay_only' : 'changed', columns };
}
