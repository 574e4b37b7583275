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
  const table = await tableOf(tx, model.table);
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const key = model.keyOf(event);
    const run = streams.get(key);
    if (run) run.push(event);
    else streams.set(key, [event]);
  }
  const rows: unknown[][] = [];
  const perEvent = new Set<RecordedEvent>();
  for (const run of streams.values()) {
    let i = 0;
    const first = model.changeOf(run[0]!);
    if (first && 'insert' in first && bindsAsText(first.insert)) {
      // The row as values by column number; UNSET: not named by any change (its default applies).
      let row: unknown[] | null = table.unsetRow();
      table.assign(row, first.insert);
      for (i = 1; i < run.length; i++) {
        const change = model.changeOf(run[i]!);
        if (!change || 'insert' in change) break; // a second insert fails in apply, as it would live
        if ('delete' in change) {
          row = null; // later updates of a deleted row change nothing; apply makes them anyway
          i++;
          break;
        }
        if (!bindsAsText(change.update)) break;
        table.assign(row, change.update);
      }
      if (row) rows.push(row);
    }
    for (; i < run.length; i++) perEvent.add(run[i]!);
  }
  await insertRows(tx, table, rows);
  if (perEvent.size === 0) return;
  for (const event of events) if (perEvent.has(event)) await model.apply(tx, event);
}

const UNSET = Symbol('unset');

/** A read model's columns, numbered, with their types (as the connection's search_path finds the table). */
class Table {
  private readonly numbers: Map<string, number>;

  constructor(
    readonly name: string,
    readonly columns: readonly string[],
    readonly types: readonly string[],
  ) {
    this.numbers = new Map(columns.map((c, i) => [c, i]));
  }

  unsetRow(): unknown[] {
    return new Array(this.columns.length).fill(UNSET);
  }

  assign(row: unknown[], values: Record<string, unknown>): void {
    for (const column in values) {
      const n = this.numbers.get(column);
      if (n === undefined) throw new Error(`${this.name} has no column ${column}`);
      row[n] = values[column];
    }
  }

  /** The numbers of the columns `row` names, and a key equal for rows naming the same ones. */
  named(row: unknown[]): { key: number | string; columns: number[] } {
    const columns: number[] = [];
    let key: number | string = 0;
    for (let n = 0; n < row.length; n++) if (row[n] !== UNSET) columns.push(n);
    if (row.length <= 31) for (const n of columns) key = (key as number) | (1 << n);
    else key = columns.join(',');
    return { key, columns };
  }
}

/**
 * Inserts rows in one statement per set of columns. Each value is turned into the text pg would bind
 * for it as a parameter (pg's own `prepareValue`), the rows travel as one jsonb array of those texts,
 * and each text is cast to its column's type (the type's input function, as a parameter's text is
 * read); columns a row does not name take their defaults.
 */
async function insertRows(tx: SqlExecutor, table: Table, rows: unknown[][]): Promise<void> {
  const groups = new Map<number | string, { columns: number[]; texts: (string | null)[][] }>();
  for (const row of rows) {
    const { key, columns } = table.named(row);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { columns, texts: [] }));
    const texts: (string | null)[] = new Array(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const value = row[columns[i]!];
      texts[i] = value === null || value === undefined ? null : prepareValue(value);
    }
    group.texts.push(texts);
  }
  for (const { columns, texts } of groups.values()) {
    const names = columns.map((n) => ident(table.columns[n]!));
    const s = statement(`b\0${table.name}\0${columns.join(',')}`, () => {
      const casts = columns.map((n, i) => (table.types[n] === 'text' ? `r->>${i}` : `(r->>${i})::${table.types[n]}`));
      return `INSERT INTO ${ident(table.name)} (${names.join(', ')}) SELECT ${casts.join(', ')} FROM jsonb_array_elements($1::jsonb) AS r`;
    });
    await tx.query({ ...s, values: [JSON.stringify(texts)] });
  }
}

/** Tables by connection (its search_path decides which table a name is). */
const tablesByExecutor = new WeakMap<SqlExecutor, Map<string, Table>>();

async function tableOf(tx: SqlExecutor, name: string): Promise<Table> {
  let tables = tablesByExecutor.get(tx);
  if (!tables) tablesByExecutor.set(tx, (tables = new Map()));
  let table = tables.get(name);
  if (!table) {
    // The type without its modifier: the assignment applies it (a too long value fails, as it would live).
    const { rows } = await tx.query<{ column: string; type: string }>(
      `SELECT attname AS column, format_type(atttypid, NULL) AS type FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      [ident(name)],
    );
    table = new Table(name, rows.map((r) => r.column), rows.map((r) => r.type));
    tables.set(name, table);
  }
  return table;
}

/** Binary values are bound as bytes, not text: changes holding them stay per event. */
function bindsAsText(columns: Record<string, unknown>): boolean {
  for (const column in columns) if (ArrayBuffer.isView(columns[column])) return false;
  return true;
}
