import type { ColumnType } from './columns.js';
import type { ListFilter, ListRequest, ListSortKey } from './list-request.js';

/** How a list field reads in SQL: an expression over the listed table (alias `r`) or its joins. */
export interface SqlColumn {
  sql: string;
  type: ColumnType;
  nullable: boolean;
}

/** The table a {@link ListRequest} selects from. Every string here is trusted SQL, never user input. */
export interface ListSqlSource<F extends string> {
  /** The read-model table, aliased `r` in every expression. */
  table: string;
  /** Joins a field needs (e.g. the snapshot's volume for its availability zone), added only when a filter uses it. */
  joins?: Partial<Record<F, string>>;
  /** The select list of a row. */
  select: string;
  /** The jsonb metadata column. */
  metadata: string;
  columns: Readonly<Record<F, SqlColumn>>;
}

/** A parameterized statement. */
export interface SqlStatement {
  text: string;
  values: unknown[];
}

const CAST: Record<ColumnType, string> = { text: 'text', time: 'text', uuid: 'uuid', int: 'integer', bool: 'boolean' };
const TIME_OP = { gt: '>', gte: '>=', eq: '=', neq: '<>', lt: '<', lte: '<=' } as const;

/**
 * The one statement answering a list request: the page (`SELECT <row>, s0, s1…` in the request's order,
 * after the marker, `LIMIT`/`OFFSET`), `marker_found` and, with `withCount`, `total` — in every row,
 * and in a single all-NULL row when the page is empty. Keyset pagination as Cinder's `paginate_query`:
 * rows strictly after the marker row in the full sort order; nullable keys compare as `''` (its default).
 * @param markerProjectId the project a non-admin's marker must belong to; null for admins.
 */
export function buildListSql<F extends string>(
  req: ListRequest<F>,
  source: ListSqlSource<F>,
  markerProjectId: string | null,
): SqlStatement {
  const values: unknown[] = [];
  const param = (value: unknown): string => `$${values.push(value)}`;
  const where = whereClause(req, source, param);
  const keys = req.sort.map((k) => ({ ...k, sql: sortExpression(source.columns[k.field]) }));
  const order = (expr: (i: number) => string) => keys.map((k, i) => `${expr(i)} ${k.dir.toUpperCase()}`).join(', ');
  const joins = new Set(req.filters.flatMap((f) => ('field' in f && source.joins?.[f.field]) || []));
  const from = [`${source.table} r`, ...joins].join(' ');

  let marker = '';
  let afterMarker = '';
  if (req.marker) {
    const scope = markerProjectId === null ? '' : ` AND r.project_id = ${param(markerProjectId)}`;
    const cols = keys.map((k, i) => `${k.sql} AS k${i}`).join(', ');
    marker = `marker AS (SELECT ${cols} FROM ${source.table} r WHERE r.id = ${param(req.marker.id)}::uuid${scope}),`;
    afterMarker = ` AND (${keyset(keys)})`;
  }
  const page = `page AS (
      SELECT ${source.select}, ${keys.map((k, i) => `${k.sql} AS s${i}`).join(', ')}
      FROM ${from}${req.marker ? ' CROSS JOIN marker k' : ''}
      WHERE ${where}${afterMarker}
      ORDER BY ${order((i) => keys[i]!.sql)}
      LIMIT ${param(req.limit)} OFFSET ${param(req.offset)})`;
  const markerFound = req.marker ? '(SELECT count(*) FROM marker)::int' : '1';
  const total = req.withCount ? `(SELECT count(*) FROM ${from} WHERE ${where})::int` : 'NULL::int';
  const text = `WITH ${marker}${page}
    SELECT p.*, ${markerFound} AS marker_found, ${total} AS total
    FROM (SELECT 1) one LEFT JOIN page p ON true
    ORDER BY ${order((i) => `p.s${i}`)}`;
  return { text, values };
}

/** Sort expression: nullable columns compare as their empty default, as Cinder's keyset does. */
function sortExpression(column: SqlColumn): string {
  if (!column.nullable) return column.sql;
  return `coalesce(${column.sql}${column.type === 'uuid' ? '::text' : ''}, '')`;
}

/** `(k0 after m0) OR (k0 = m0 AND k1 after m1) OR …` against the marker row `k`. */
function keyset<F extends string>(keys: Array<ListSortKey<F> & { sql: string }>): string {
  return keys
    .map((key, i) => {
      const equal = keys.slice(0, i).map((k, j) => `${k.sql} = k.k${j}`);
      return [...equal, `${key.sql} ${key.dir === 'asc' ? '>' : '<'} k.k${i}`].join(' AND ');
    })
    .map((c) => `(${c})`)
    .join(' OR ');
}

function whereClause<F extends string>(req: ListRequest<F>, source: ListSqlSource<F>, param: (v: unknown) => string): string {
  const conditions = req.projectId === null ? ['true'] : [`r.project_id = ${param(req.projectId)}`];
  for (const f of req.filters) conditions.push(condition(f, source, param));
  return conditions.join(' AND ');
}

function condition<F extends string>(f: ListFilter<F>, source: ListSqlSource<F>, param: (v: unknown) => string): string {
  if (f.op === 'metadata') return `${source.metadata} @> ${param(JSON.stringify(f.pairs))}::jsonb`;
  const column = source.columns[f.field];
  switch (f.op) {
    case 'eq':
      return f.value === null ? `${column.sql} IS NULL` : `${column.sql} = ${param(String(f.value))}::${CAST[column.type]}`;
    case 'in':
      return `${column.sql} = ANY(${param(f.values.map(String))}::${CAST[column.type]}[])`;
    case 'like':
      return `${column.sql}::text LIKE '%' || ${param(f.value)} || '%'`;
    case 'time':
      return `(${f.any.map((c) => `${column.sql}::timestamp ${TIME_OP[c.cmp]} ${param(c.at)}::timestamp`).join(' OR ')})`;
  }
}
