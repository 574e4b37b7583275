import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import type { RecordedEvent } from './event.types.js';
import type { SqlExecutor } from './sql-executor.js';

/**
 * What one event does to its stream's row of a read model when that follows from the event alone:
 * creates it with these columns (the others take their defaults), sets these columns, or removes it.
 * Values are bound as statement parameters, exactly as a hand-written `$n` would be.
 */
export type RowChange = { insert: Record<string, unknown> } | { update: Record<string, unknown> } | { delete: true };

/** A read model with one row per stream (keyed by one column), kept by an inline projection. */
export interface RowPerStream {
  /** The table, unqualified (the connection's search_path finds it). */
  readonly table: string;
  /** Its key column. */
  readonly key: string;
  /** The key of the row `event` changes. */
  keyOf(event: RecordedEvent): string;
  /**
   * The change `event` makes, or `undefined` when it depends on the row as stored (an SQL expression
   * over its columns): only {@link apply} can make those.
   */
  changeOf(event: RecordedEvent): RowChange | undefined;
  /** The projection's own per-event write (which makes {@link changeOf}'s changes with {@link writeRowChange}). */
  apply(tx: SqlExecutor, event: RecordedEvent): Promise<void>;
}

const ident = pg.escapeIdentifier;
/** The text pg binds for a parameter value (what a hand-written `$n` would receive). */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(value: unknown): string | null };
const statements = new Map<string, { name: string; text: string }>();

/** Named after its text: prepared once per connection. */
function statement(cacheKey: string, build: () => string): { name: string; text: string } {
  let s = statements.get(cacheKey);
  if (!s) {
    const text = build();
    s = { name: `ember_row_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text };
    statements.set(cacheKey, s);
  }
  return s;
}

/** Makes one {@link RowChange} to the row `key = id`: one INSERT, UPDATE or DELETE. */
export async function writeRowChange(tx: SqlExecutor, table: string, key: string, id: string, change: RowChange): Promise<void> {
  if ('delete' in change) {
    const s = statement(`d\0${table}\0${key}`, () => `DELETE FROM ${ident(table)} WHERE ${ident(key)} = $1`);
    await tx.query({ ...s, values: [id] });
  } else if ('insert' in change) {
    const columns = Object.keys(change.insert);
    const s = statement(`i\0${table}\0${columns.join('\0')}`, () =>
      `INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`);
    await tx.query({ ...s, values: Object.values(change.insert) });
  } else {
    const columns = Object.keys(change.update);
    const s = statement(`u\0${table}\0${key}\0${columns.join('\0')}`, () =>
      `UPDATE ${ident(table)} SET ${columns.map((c, i) => `${ident(c)} = $${i + 2}`).join(', ')} WHERE ${ident(key)} = $1`);
    await tx.query({ ...s, values: [id, ...Object.values(change.update)] });
  }
}

/**
 * Applies `events` (in log order) to a one-row-per-stream read model with the effect of `model.apply`
 * on each in turn, writing most rows once: a stream created in this batch has its changes folded into
 * the row they leave (the creation's columns, then each later change's), and all such rows are inserted
 * with one statement per set of columns. From a stream's first change that depends on the stored row
 * (or if it was created before the batch) its events go through `model.apply`, after the insert and in
 * log order. Rows of different streams never affect each other, so nothing else is ordered.
 */
export async function applyRowChanges(tx: SqlExecutor, model: RowPerStream, events: readonly RecordedEvent[]): Promise<void> {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const key = model.keyOf(event);
    const run = streams.get(key);
    if (run) run.push(event);
    else streams.set(key, [event]);
  }
  const rows: Map<string, unknown>[] = [];
  const perEvent = new Set<RecordedEvent>();
  for (const run of streams.values()) {
    let i = 0;
    const first = model.changeOf(run[0]!);
    if (first && 'insert' in first && bindsAsText(first.insert)) {
      let row: Map<string, unknown> | null = new Map(Object.entries(first.insert));
      for (i = 1; i < run.length; i++) {
        const change = model.changeOf(run[i]!);
        if (!change || 'insert' in change) break; // a second insert fails in apply, as it would live
        if ('delete' in change) {
          row = null; // later updates of a deleted row change nothing; apply makes them anyway
          i++;
          break;
        }
        if (!bindsAsText(change.update)) break;
        for (const column in change.update) row.set(column, change.update[column]);
      }
      if (row) rows.push(row);
    }
    for (; i < run.length; i++) perEvent.add(run[i]!);
  }
  await insertRows(tx, model.table, rows);
  if (perEvent.size === 0) return;
  for (const event of events) if (perEvent.has(event)) await model.apply(tx, event);
}

/**
 * Inserts rows in one statement per set of columns. Each value is turned into the text pg would bind
 * for it as a parameter (pg's own `prepareValue`), the rows travel as one jsonb array of those texts,
 * and each text is cast to its column's type (the type's input function, as a parameter's text is
 * read); columns a row does not name take their defaults.
 */
async function insertRows(tx: SqlExecutor, table: string, rows: Map<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const groups = new Map<string, { columns: string[]; rows: Map<string, unknown>[] }>();
  for (const row of rows) {
    const columns = [...row.keys()].sort();
    const signature = columns.join('\0');
    const group = groups.get(signature);
    if (group) group.rows.push(row);
    else groups.set(signature, { columns, rows: [row] });
  }
  const types = await columnTypes(tx, table);
  for (const { columns, rows: group } of groups.values()) {
    const casts = columns.map((c, i) => {
      const type = types.get(c);
      if (type === undefined) throw new Error(`${table} has no column ${c}`);
      return type === 'text' ? `r->>${i}` : `(r->>${i})::${type}`;
    });
    const s = statement(`b\0${table}\0${columns.join('\0')}`, () =>
      `INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) SELECT ${casts.join(', ')} FROM jsonb_array_elements($1::jsonb) AS r`);
    const texts = group.map((row) => columns.map((c) => {
      const value = row.get(c);
      return value === null || value === undefined ? null : prepareValue(value);
    }));
    await tx.query({ ...s, values: [JSON.stringify(texts)] });
  }
}

/** Column types by connection (its search_path decides which table the name is). */
const typesByExecutor = new WeakMap<SqlExecutor, Map<string, Map<string, string>>>();

async function columnTypes(tx: SqlExecutor, table: string): Promise<Map<string, string>> {
  let tables = typesByExecutor.get(tx);
  if (!tables) typesByExecutor.set(tx, (tables = new Map()));
  let types = tables.get(table);
  if (!types) {
    // The type without its modifier: the assignment applies it (a too long value fails, as it would live).
    const { rows } = await tx.query<{ column: string; type: string }>(
      `SELECT attname AS column, format_type(atttypid, NULL) AS type FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
      [ident(table)],
    );
    types = new Map(rows.map((r) => [r.column, r.type]));
    tables.set(table, types);
  }
  return types;
}

/** Binary values are bound as bytes, not text: changes holding them stay per event. */
function bindsAsText(columns: Record<string, unknown>): boolean {
  for (const column in columns) if (ArrayBuffer.isView(columns[column])) return false;
  return true;
}
