import { canonicalUuid } from '../validation/uuid-like.js';
import type { FilterScalar, ListFilter } from './list-request.js';
import { PyDict, PyFloat, type PyLiteral, pyLiteralStr } from './python-literal.js';

export type ColumnType = 'text' | 'uuid' | 'int' | 'bool' | 'time';

/**
 * What a Cinder model attribute is in Ember's read model: a field, a column Ember does not keep (the
 * same value on every row: NULL, or a fixed boolean), a relationship, or a Python property.
 */
export type Column<F extends string> =
  | { kind: 'field'; field: F; type: ColumnType; nullable: boolean }
  | { kind: 'constant'; value: null | boolean }
  | { kind: 'relationship'; sortField: F | null }
  | { kind: 'property' };

/** A filter, or its outcome when it needs no SQL: matches every row / no row. */
export type Resolution<F extends string> = ListFilter<F> | 'all' | 'none';

const INT_MAX = 2 ** 31 - 1;

/** MySQL's string-to-number conversion: the leading numeric part, else 0 (`'01'` → 1, `'abc'` → 0). */
export function mysqlNumber(text: string): number {
  const m = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text);
  return m ? Number(m[0]) : 0;
}

function numeric(value: PyLiteral): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'string') return mysqlNumber(value);
  return undefined;
}

/** The value as the column's type, or undefined when no row can equal it (as Cinder's MySQL compares). */
function scalarFor(type: ColumnType, value: PyLiteral): FilterScalar | undefined {
  if (value === null) return null;
  if (Array.isArray(value) || value instanceof PyDict) return undefined;
  const n = numeric(value);
  switch (type) {
    case 'text':
    case 'time':
      return typeof value === 'boolean' ? undefined : pyLiteralStr(value);
    case 'uuid':
      return typeof value === 'string' && /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(value) ? canonicalUuid(value) : undefined;
    case 'int':
      return n !== undefined && Number.isInteger(n) && Math.abs(n) <= INT_MAX ? n : undefined;
    case 'bool':
      return n === 0 ? false : n === 1 ? true : undefined;
  }
}

/** `column = value` (a list value means `IN`), as Cinder's `filter_by` / `in_` would select. */
export function resolveExact<F extends string>(column: Column<F>, value: PyLiteral): Resolution<F> {
  if (Array.isArray(value)) return resolveIn(column, value);
  if (column.kind === 'constant') {
    if (column.value === null || value === null) return column.value === value ? 'all' : 'none';
    return scalarFor('bool', value) === column.value ? 'all' : 'none';
  }
  if (column.kind !== 'field') return 'none';
  const scalar = scalarFor(column.type, value);
  if (scalar === undefined || (scalar === null && !column.nullable)) return 'none';
  return { op: 'eq', field: column.field, value: scalar };
}

function resolveIn<F extends string>(column: Column<F>, values: PyLiteral[]): Resolution<F> {
  if (column.kind === 'constant') return values.some((v) => v !== null && resolveExact(column, v) === 'all') ? 'all' : 'none';
  if (column.kind !== 'field') return 'none';
  // SQL `IN` never matches NULL, whatever the list holds.
  const scalars = values.map((v) => scalarFor(column.type, v)).filter((s): s is string | number | boolean => s != null);
  return scalars.length === 0 ? 'none' : { op: 'in', field: column.field, values: scalars };
}

/**
 * `column LIKE '%value%'` (`key~=value`). Cinder skips the filter for values that are not a string or an
 * int, and for Python properties.
 */
export function resolveLike<F extends string>(column: Column<F>, value: PyLiteral): Resolution<F> {
  const usable = typeof value === 'string' || typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
  if (!usable || column.kind === 'property') return 'all';
  const text = String(value);
  if (column.kind === 'field') return { op: 'like', field: column.field, value: text };
  if (column.kind === 'constant' && column.value !== null) return (column.value ? '1' : '0').includes(text) ? 'all' : 'none';
  return 'none';
}
