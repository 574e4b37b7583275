import { BadRequest } from '../errors/client.errors.js';
import { pyStrip } from '../python/py-strip.js';
import type { Column } from './columns.js';
import type { ListSortKey, SortDir } from './list-request.js';
import type { QueryParams } from './query-params.js';

/** Sort keys and directions as the client gave them (before Cinder checks them). */
export interface RawSort {
  keys: string[];
  dirs: string[];
}

/**
 * `common.get_sort_params`: `sort=k1[:dir],k2` (missing dir → `desc`), else the deprecated
 * `sort_key`/`sort_dir` pair (default `created_at`/`desc`); both styles at once → 400.
 */
export function readSortParams(query: QueryParams): RawSort {
  const sort = query.get('sort');
  if (sort === undefined) {
    return { keys: [pyStrip(query.get('sort_key') ?? 'created_at')], dirs: [pyStrip(query.get('sort_dir') ?? 'desc')] };
  }
  if (query.has('sort_key') || query.has('sort_dir')) {
    throw new BadRequest("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
  }
  const keys: string[] = [];
  const dirs: string[] = [];
  for (const item of pyStrip(sort).split(',')) {
    const colon = item.indexOf(':');
    const key = colon < 0 ? item : item.slice(0, colon);
    const dir = colon < 0 ? '' : item.slice(colon + 1);
    keys.push(pyStrip(key));
    dirs.push(pyStrip(dir || 'desc'));
  }
  return { keys, dirs };
}

/** Cinder maps the API's `name` sort key to the `display_name` column — only its first occurrence. */
export function renameFirst(keys: string[], from: string, to: string): string[] {
  const at = keys.indexOf(from);
  return at < 0 ? keys : keys.map((k, i) => (i === at ? to : k));
}

/**
 * `db.sqlalchemy.api.process_sort_params`: directions must be exactly `asc`/`desc`, and the default keys
 * `created_at`, `id` are appended (with the first direction) so that the order is total.
 */
export function completeSort(raw: RawSort): { keys: string[]; dirs: SortDir[] } {
  for (const dir of raw.dirs) {
    if (dir !== 'asc' && dir !== 'desc') {
      throw new BadRequest("Invalid input received: Unknown sort direction, must be 'desc' or 'asc'.");
    }
  }
  if (raw.dirs.length > raw.keys.length) {
    throw new BadRequest('Invalid input received: Sort direction array size exceeds sort key array size.');
  }
  const dirs = raw.dirs as SortDir[];
  const first = dirs[0] ?? 'desc';
  const keys = [...raw.keys];
  const out = [...dirs, ...Array<SortDir>(keys.length - dirs.length).fill(first)];
  for (const key of ['created_at', 'id']) {
    if (!keys.includes(key)) {
      keys.push(key);
      out.push(first);
    }
  }
  return { keys, dirs: out };
}

/**
 * The read-model order for Cinder sort keys (`sqlalchemyutils.paginate_query`): every key must be a model
 * attribute that is a column or relationship (else `invalid`); columns Ember keeps constant order nothing
 * and are left out.
 */
export function resolveSort<F extends string>(
  sort: { keys: string[]; dirs: SortDir[] },
  columns: ReadonlyMap<string, Column<F>>,
): { sort: Array<ListSortKey<F>>; invalid: boolean } {
  const out: Array<ListSortKey<F>> = [];
  let invalid = false;
  sort.keys.forEach((key, i) => {
    const column = columns.get(key);
    if (!column || column.kind === 'property') invalid = true;
    else if (column.kind === 'field') out.push({ field: column.field, dir: sort.dirs[i]! });
    else if (column.kind === 'relationship' && column.sortField) out.push({ field: column.sortField, dir: sort.dirs[i]! });
  });
  return { sort: out, invalid };
}

/** 400 for a sort key that is not a column. */
export const invalidSortKey = (): BadRequest => new BadRequest('Invalid input received: Invalid sort key');
