import { BadRequest } from '../errors/client.errors.js';
import type { ApiVersion } from '../microversions/api-version.js';

export interface ManageableListRequest {
  limit: number;
  offset: number;
  marker: string | null;
  sort: { key: 'reference' | 'size'; dir: 'asc' | 'desc' }[];
}

const SORT_KEYS = ['reference', 'size'];

/**
 * Query of `GET /manageable_snapshots[/detail]` (`cinder/api/v3/resource_common_manage.py`): exactly one
 * of `host` / `cluster` (cluster from 3.17), paging, and sort keys `reference` or `size`.
 */
export function parseManageableList(query: Record<string, unknown>, version: ApiVersion): ManageableListRequest {
  const host = query.host;
  const cluster = version.atLeast('3.17') ? query.cluster : undefined;
  if (host === undefined && cluster === undefined) throw new BadRequest('Invalid input received: Host field is missing.');
  if (host !== undefined && cluster !== undefined) {
    throw new BadRequest('Invalid input received: One and only one of cluster and host must be set.');
  }
  const int = (name: string, fallback: number) => {
    const raw = query[name];
    if (raw === undefined) return fallback;
    if (typeof raw !== 'string' || !/^\d+$/.test(raw)) throw new BadRequest(`${name} param must be an integer`);
    return Number(raw);
  };
  const sortText = typeof query.sort === 'string' ? query.sort : `${query.sort_key ?? 'reference'}:${query.sort_dir ?? 'desc'}`;
  const sort = sortText.split(',').map((item) => {
    const [key = '', dir = 'desc'] = item.trim().split(':');
    if (!SORT_KEYS.includes(key) || (dir !== 'asc' && dir !== 'desc')) {
      throw new BadRequest(`Invalid input received: Invalid sort keys passed: ${sortText}`);
    }
    return { key: key as 'reference' | 'size', dir: dir as 'asc' | 'desc' };
  });
  return { limit: Math.min(int('limit', 1000), 1000), offset: int('offset', 0), marker: typeof query.marker === 'string' ? query.marker : null, sort };
}
