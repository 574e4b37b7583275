import type { ApiVersion } from '../microversions/api-version.js';
import type { ListCaller, SnapshotListRequest, VolumeListRequest } from './list-request.js';
import { parseSnapshotListRequest } from './parse-snapshot-list.js';
import { parseVolumeListRequest } from './parse-volume-list.js';
import { QueryParams } from './query-params.js';

/**
 * A Cinder list request for `resource` from its query (a `QueryParams`, or the raw query string),
 * the request's microversion and the caller: every Cinder filter, sort and paging rule applied.
 * @throws BadRequest with Cinder's message for whatever Cinder refuses.
 */
export function parseListRequest(resource: 'snapshot', query: QueryParams | string, v: ApiVersion, caller: ListCaller): SnapshotListRequest;
export function parseListRequest(resource: 'volume', query: QueryParams | string, v: ApiVersion, caller: ListCaller): VolumeListRequest;
export function parseListRequest(
  resource: 'snapshot' | 'volume',
  query: QueryParams | string,
  v: ApiVersion,
  caller: ListCaller,
): SnapshotListRequest | VolumeListRequest {
  const params = typeof query === 'string' ? QueryParams.parse(query) : query;
  return resource === 'snapshot' ? parseSnapshotListRequest(params, v, caller) : parseVolumeListRequest(params, v, caller);
}
