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
 * Compares a live table with its replayed copy: the two are joined on the primary key (a full join, so
 * rows on one side only come out too) and the pairs whose whole rows are distinct are the differences;
 * for each, the columns that differ are named. Both tables are read once, in full: run it where a hash
 * join is planned ({@link prepareComparison}).
 */
export async function diffTable(db: SqlExecutor, table: string, live: string, replayed: string, limit = 1000): Promise<TableDiff> {
  const [lt, rt] = [`${ident(live)}.${ident(table)}`, `${ident(replayed)}.${ident(table)}`];
  const comparedAs = READ_MODEL_COMPARED_AS[table as ReadModelTable];
  const keys = comparedAs ? comparedAs.keys.map((column) => ({ column })) : await primaryKeyOf(db, lt);
  if (keys.length === 0) throw new Error(`read model ${table} has no primary key to compare rows by`);
  const [l, r] = comparedAs ? [`(${comparedAs.rows(lt)})`, `(${comparedAs.rows(rt)})`] : [lt, rt];
  const on = keys.map(({ column }) => `l.${ident(column)} = r.${ident(column)}`).join(' AND ');
  // A row missing on one side is a NULL whole-row there: distinct from the other side's row.
  const { rows } = await db.query<{ live: Record<string, unknown> | null; replayed: Record<string, unknown> | null; total: number }>(
    `SELECT to_jsonb(l) AS live, to_jsonb(r) AS replayed, count(*) OVER () AS total
       FROM ${l} l FULL JOIN ${r} r ON ${on}
      WHERE l IS DISTINCT FROM r
      LIMIT ${limit}`,
  );
  return {
    table,
    count: rows[0]?.total ?? 0,
    differences: rows.map((row) => describe(table, keys.map((k) => k.column), row.live, row.replayed)),
  };
}

/**
 * Settings for the transaction that runs {@link diffTable}: each comparison reads two whole tables, so a
 * hash join in memory (the merge join the planner prefers walks both primary keys, in random heap
 * order), and no JIT compilation (it costs more than the one scan it would speed up).
 */
export async function prepareComparison(db: SqlExecutor): Promise<void> {
  await db.query(`SET LOCAL enable_mergejoin = off`);
  await db.query(`SET LOCAL work_mem = '256MB'`);
  await db.query(`SET LOCAL jit = off`);
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
