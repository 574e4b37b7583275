import type { ApiVersion } from '../microversions/api-version.js';
import { Microversions as MV } from '../microversions/microversions.js';
import { parseBooleanParam } from '../validation/parse-boolean-strict.js';
import { resolveExact, resolveLike } from './columns.js';
import { dropNonAdminFilters, processGeneralFiltering, withoutTilde } from './general-filtering.js';
import type { ListCaller, ListFilter, SnapshotListField, SnapshotListRequest } from './list-request.js';
import {
  boolFromString,
  boolParamError,
  type FilterMap,
  filterMap,
  matchingNothing,
  renameKey,
  takeWithCount,
  truthy,
} from './list-parsing.js';
import { metadataPairs } from './metadata-filter.js';
import { readPagination } from './pagination-params.js';
import { literalEval, PyDict, type PyLiteral } from './python-literal.js';
import type { QueryParams } from './query-params.js';
import { RESOURCE_FILTERS } from './resource-filters.js';
import { SNAPSHOT_COLUMNS, SNAPSHOT_VOLUME_FILTERS } from './snapshot-columns.js';
import { completeSort, invalidSortKey, readSortParams, renameFirst, resolveSort } from './sort-params.js';

/** What a non-admin may filter on before 3.31 (`SnapshotsController._get_snapshot_filter_options`). */
const FILTERS_BEFORE_3_31 = ['status', 'volume_id', 'name', 'metadata'];

type Filters = Array<ListFilter<SnapshotListField>>;

/**
 * `GET /snapshots[/detail]` query → {@link SnapshotListRequest}, following `cinder/api/v3/snapshots.py`
 * `_items`, `volume/api.py` `get_all_snapshots` and `db/sqlalchemy/api.py` `snapshot_get_all*` in
 * Cinder's order, so that a request with several faults gets the fault Cinder reports.
 * @throws BadRequest with Cinder's messages.
 */
export function parseSnapshotListRequest(query: QueryParams, v: ApiVersion, caller: ListCaller): SnapshotListRequest {
  const rawSort = readSortParams(query);
  const page = readPagination(query);
  const filters = filterMap(query);
  const withCount = takeWithCount(filters, v);
  if (v.atLeast(MV.RESOURCE_FILTER)) {
    processGeneralFiltering(filters, caller, RESOURCE_FILTERS.snapshot, v.atLeast(MV.LIKE_FILTER));
  } else {
    if (!v.atLeast(MV.SNAPSHOT_LIST_METADATA_FILTER)) filters.delete('metadata');
    if (!v.atLeast(MV.USE_QUOTA)) filters.delete('use_quota');
    dropNonAdminFilters(filters, caller, FILTERS_BEFORE_3_31);
  }
  const metadata = filters.get('metadata');
  if (typeof metadata === 'string') filters.set('metadata', literalEval(metadata) ?? metadata);
  if (filters.has('use_quota')) filters.set('use_quota', parseBooleanParam('use_quota', filters.get('use_quota')));
  const sortKeys = v.atLeast(MV.SNAPSHOT_SORT) ? renameFirst(rawSort.keys, 'name', 'display_name') : rawSort.keys;
  renameKey(filters, 'name', 'display_name');

  const allTenants = filters.get('all_tenants');
  filters.delete('all_tenants');
  const projectId = caller.isAdmin && allTenants !== undefined && boolFromString(allTenants) ? null : caller.projectId;
  // The listing reads all_tenants leniently, the count (`calculate_resource_count`) strictly.
  const countError = withCount ? boolParamError('all_tenants', allTenants) : null;
  // Without all_tenants the database layer overrides any project_id filter with the caller's project.
  if (projectId !== null) filters.delete('project_id');

  const defaultSort = [{ field: 'createdAt', dir: 'desc' }, { field: 'id', dir: 'desc' }] as const;
  const nothing = () => {
    if (countError) throw countError;
    return matchingNothing<SnapshotListField>(page, withCount, projectId, [...defaultSort]);
  };
  if (!validModelFilters(filters)) return nothing();
  const sort = resolveSort(completeSort({ keys: sortKeys, dirs: rawSort.dirs }), SNAPSHOT_COLUMNS);
  const resolved = resolveFilters(filters);
  if (resolved === 'none') return nothing();
  const afterMarker = sort.invalid ? invalidSortKey() : countError;
  if (afterMarker && !page.marker) throw afterMarker;
  return { projectId, filters: resolved, matchesNothing: false, sort: sort.sort, ...page, withCount, afterMarker };
}

/** `is_valid_model_filters`: every key names a Snapshot attribute (or the volume), metadata is a dict. */
function validModelFilters(filters: FilterMap): boolean {
  for (const [key, value] of filters) {
    if ((SNAPSHOT_VOLUME_FILTERS as readonly string[]).includes(key)) continue;
    if (key === 'metadata') {
      if (!(value instanceof PyDict)) return false;
    } else if (!SNAPSHOT_COLUMNS.has(withoutTilde(key))) return false;
  }
  return true;
}

/** `_process_snaps_filters` with `apply_like_filters`: `key~` → LIKE, the volume's filters when non-empty. */
function resolveFilters(filters: FilterMap): Filters | 'none' {
  const out: Filters = [];
  const like: Array<[string, PyLiteral]> = [];
  for (const [key, value] of filters) {
    if (key.endsWith('~')) like.push([withoutTilde(key), value]);
    else if (key === 'host' || key === 'cluster_name') {
      if (truthy(value)) return 'none'; // Ember's volumes have no backend host or cluster
    } else if (key === 'availability_zone') {
      if (truthy(value)) out.push({ op: 'eq', field: 'availabilityZone', value: String(value) });
    } else if (key === 'metadata') {
      const pairs = metadataPairs(value);
      if (pairs === 'none') return 'none';
      if (Object.keys(pairs).length > 0) out.push({ op: 'metadata', pairs });
    } else {
      const r = resolveExact(SNAPSHOT_COLUMNS.get(key)!, value);
      if (r === 'none') return 'none';
      if (r !== 'all') out.push(r);
    }
  }
  for (const [key, value] of like.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const r = resolveLike(SNAPSHOT_COLUMNS.get(key)!, value);
    if (r === 'none') return 'none';
    if (r !== 'all') out.push(r);
  }
  return out;
}
