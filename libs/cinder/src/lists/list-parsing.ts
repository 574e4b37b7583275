import type { CinderHttpError } from '../errors/cinder-http-error.js';
import type { ApiVersion } from '../microversions/api-version.js';
import { Microversions as MV } from '../microversions/microversions.js';
import { pyStrip } from '../python/py-strip.js';
import { parseBooleanParam } from '../validation/parse-boolean-strict.js';
import type { ListMarker, ListRequest, ListSortKey } from './list-request.js';
import { type PyLiteral, pyLiteralStr } from './python-literal.js';
import type { QueryParams } from './query-params.js';

/** Filter values while a list request is parsed: query text, literals, booleans. */
export type FilterMap = Map<string, PyLiteral>;

const PAGING_KEYS = ['sort', 'sort_key', 'sort_dir', 'limit', 'marker', 'offset'];

/** The query's filters: every key once (its last value), paging and sorting keys taken out. */
export function filterMap(query: QueryParams): FilterMap {
  const filters: FilterMap = query.toMap();
  for (const key of PAGING_KEYS) filters.delete(key);
  return filters;
}

/** `with_count` (MV ≥ 3.45, strict boolean, taken out of the filters); below 3.45 it stays a filter. */
export function takeWithCount(filters: FilterMap, v: ApiVersion): boolean {
  if (!v.atLeast(MV.SUPPORT_COUNT_INFO) || !filters.has('with_count')) return false;
  const withCount = parseBooleanParam('with_count', filters.get('with_count'));
  filters.delete('with_count');
  return withCount;
}

/** Python `d[to] = d.pop(from)`. */
export function renameKey(filters: FilterMap, from: string, to: string): void {
  if (!filters.has(from)) return;
  const value = filters.get(from)!;
  filters.delete(from);
  filters.set(to, value);
}

/** oslo `bool_from_string(v)` (not strict): stripped, case-insensitive `1 t true on y yes`. */
export function boolFromString(value: PyLiteral): boolean {
  if (typeof value === 'boolean') return value;
  return ['1', 't', 'true', 'on', 'y', 'yes'].includes(pyStrip(pyLiteralStr(value)).toLowerCase());
}

/** The error `get_bool_param(name, …)` raises for `value`, if any (Cinder raises it later in the request). */
export function boolParamError(name: string, value: PyLiteral | undefined): CinderHttpError | null {
  if (value === undefined) return null;
  try {
    parseBooleanParam(name, typeof value === 'boolean' ? value : pyLiteralStr(value));
    return null;
  } catch (e) {
    return e as CinderHttpError;
  }
}

/** Python truthiness of a filter value. */
export const truthy = (value: PyLiteral | undefined): boolean =>
  value !== undefined && value !== null && value !== '' && value !== false && value !== 0;

/** A request whose filters match nothing: no query, an empty page, `count` 0. */
export function matchingNothing<F extends string>(
  page: { limit: number; offset: number; marker: ListMarker | null },
  withCount: boolean,
  projectId: string | null,
  sort: Array<ListSortKey<F>>,
): ListRequest<F> {
  return { projectId, filters: [], matchesNothing: true, sort, ...page, withCount, afterMarker: null };
}
