import { BadRequest } from '../errors/client.errors.js';
import type { ApiVersion } from '../microversions/api-version.js';
import { Microversions as MV } from '../microversions/microversions.js';
import { pyStrip } from '../python/py-strip.js';
import { parseBooleanParam } from '../validation/parse-boolean-strict.js';
import { resolveExact, resolveLike } from './columns.js';
import { dropNonAdminFilters, processGeneralFiltering, withoutTilde } from './general-filtering.js';
import type { ListCaller, ListFilter, TimeComparison, VolumeListField, VolumeListRequest } from './list-request.js';
import { VolumeListMicroversions as VMV } from './list-microversions.js';
import { boolFromString, boolParamError, type FilterMap, filterMap, matchingNothing, renameKey, takeWithCount, truthy } from './list-parsing.js';
import { metadataPairs } from './metadata-filter.js';
import { readPagination } from './pagination-params.js';
import { literalEval, PyDict, type PyLiteral, pyLiteralStr } from './python-literal.js';
import type { QueryParams } from './query-params.js';
import { RESOURCE_FILTERS } from './resource-filters.js';
import { completeSort, invalidSortKey, readSortParams, renameFirst, resolveSort } from './sort-params.js';
import { parseTimeComparisons } from './time-comparison.js';
import { VOLUME_BOOLEAN_COLUMNS, VOLUME_COLUMNS } from './volume-columns.js';

type Filters = Array<ListFilter<VolumeListField>>;
type Times = Map<'created_at' | 'updated_at', Array<{ cmp: TimeComparison; at: string }>>;

/** Filters added by a microversion: below it (and below 3.31) Cinder drops them (`MV_ADDED_FILTERS`). */
const MV_ADDED_FILTERS = [
  [VMV.VOLUME_LIST_GLANCE_METADATA, 'glance_metadata'],
  [VMV.VOLUME_LIST_GROUP, 'group_id'],
  [VMV.VOLUME_TIME_COMPARISON_FILTER, 'created_at'],
  [VMV.VOLUME_TIME_COMPARISON_FILTER, 'updated_at'],
  [MV.USE_QUOTA, 'use_quota'],
] as const;

/**
 * `GET /volumes[/detail]` query → {@link VolumeListRequest}, following `cinder/api/v3/volumes.py`
 * `_get_volumes`, `volume/api.py` `check_volume_filters`/`get_all` and `db/sqlalchemy/api.py`
 * `volume_get_all*` in Cinder's order. Filter values are Python literals (`size=1`,
 * `status=['available','in-use']`), except the name.
 * @throws BadRequest with Cinder's messages.
 */
export function parseVolumeListRequest(query: QueryParams, v: ApiVersion, caller: ListCaller): VolumeListRequest {
  const page = readPagination(query);
  const rawSort = readSortParams(query);
  const filters = filterMap(query);
  const withCount = takeWithCount(filters, v);
  if (v.atLeast(MV.RESOURCE_FILTER)) {
    processGeneralFiltering(filters, caller, RESOURCE_FILTERS.volume, v.atLeast(MV.LIKE_FILTER));
  } else {
    for (const [since, key] of MV_ADDED_FILTERS) if (!v.atLeast(since)) filters.delete(key);
    dropNonAdminFilters(filters, caller, RESOURCE_FILTERS.volume);
  }
  const sortKeys = renameFirst(rawSort.keys, 'name', 'display_name');
  renameKey(filters, 'name', 'display_name');
  if (filters.has('use_quota')) filters.set('use_quota', parseBooleanParam('use_quota', filters.get('use_quota')));
  const times: Times = new Map();
  for (const key of ['created_at', 'updated_at'] as const) {
    if (!filters.has(key)) continue;
    times.set(key, parseTimeComparisons(pyLiteralStr(filters.get(key)!)));
    filters.delete(key);
  }
  checkVolumeFilters(filters, v.atLeast(VMV.VOLUME_LIST_BOOTABLE));

  const allTenants = filters.get('all_tenants');
  const tenantsError = boolParamError('all_tenants', allTenants);
  if (tenantsError) throw tenantsError;
  // Cinder keeps a false all_tenants as a filter (so an admin's list comes back empty); Ember ignores it.
  filters.delete('all_tenants');
  const projectId = caller.isAdmin && allTenants !== undefined && boolFromString(allTenants) ? null : caller.projectId;
  if (projectId !== null) filters.delete('project_id');

  const sort = resolveSort(completeSort({ keys: sortKeys, dirs: rawSort.dirs }), VOLUME_COLUMNS);
  const resolved = resolveFilters(filters, times);
  if (resolved === 'none') {
    return matchingNothing<VolumeListField>(page, withCount, projectId, sort.sort);
  }
  const afterMarker = sort.invalid ? invalidSortKey() : null;
  if (afterMarker && !page.marker) throw afterMarker;
  return { projectId, filters: resolved, matchesNothing: false, sort: sort.sort, ...page, withCount, afterMarker };
}

/**
 * `volume_api.check_volume_filters`: boolean columns take booleans (strictly from 3.2: else 400
 * `Invalid input received: '<key> = <value>'`; before, anything but false/False/FALSE or empty is
 * true), every other value except the name is read as a Python literal when it is one.
 */
function checkVolumeFilters(filters: FilterMap, strict: boolean): void {
  for (const [key, value] of filters) {
    if ((VOLUME_BOOLEAN_COLUMNS as readonly string[]).includes(key)) filters.set(key, booleanFilter(key, value, strict));
    else if (key !== 'display_name' && typeof value === 'string') filters.set(key, literalEval(value) ?? value);
  }
}

function booleanFilter(key: string, value: PyLiteral, strict: boolean): boolean {
  if (typeof value === 'boolean') return value;
  const text = pyLiteralStr(value);
  if (!strict) return ['False', 'false', 'FALSE'].includes(text) ? false : text !== '';
  const lowered = pyStrip(text).toLowerCase();
  if (['1', 't', 'true', 'on', 'y', 'yes'].includes(lowered)) return true;
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(lowered)) return false;
  throw new BadRequest(`Invalid input received: '${key} = ${text}'`);
}

/** `_process_volume_filters` with `apply_like_filters`. */
function resolveFilters(filters: FilterMap, times: Times): Filters | 'none' {
  const out: Filters = [];
  const like: Array<[string, PyLiteral]> = [];
  for (const [key, value] of filters) {
    if (key.endsWith('~')) like.push([withoutTilde(key), value]);
    else if (key === 'host' || key === 'cluster_name') {
      if (truthy(value)) return 'none'; // no backend host or cluster in Ember
    } else if (key === 'no_migration_targets') {
      if (!truthy(value)) return 'none'; // Ember never migrates, so no volume is a migration target
    } else if (key === 'metadata') {
      const pairs = metadataPairs(value);
      if (pairs === 'none') return 'none';
      if (Object.keys(pairs).length > 0) out.push({ op: 'metadata', pairs });
    } else if (key === 'glance_metadata') {
      // Ember keeps no image metadata: only an empty dict matches.
      if (!(value instanceof PyDict) || value.entries.length > 0) return 'none';
    } else {
      const column = VOLUME_COLUMNS.get(key);
      const r = column ? resolveExact(column, value) : 'none';
      if (r === 'none') return 'none';
      if (r !== 'all') out.push(r);
    }
  }
  for (const [key, any] of times) out.push({ op: 'time', field: key === 'created_at' ? 'createdAt' : 'updatedAt', any });
  for (const [key, value] of like.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // An unknown `key~` is a 500 in Cinder (AttributeError); here it simply matches nothing.
    const column = VOLUME_COLUMNS.get(key);
    const r = column ? resolveLike(column, value) : 'none';
    if (r === 'none') return 'none';
    if (r !== 'all') out.push(r);
  }
  return out;
}
