import { BadRequest } from '../errors/client.errors.js';
import type { ListCaller } from './list-request.js';

/** `common.ATTRIBUTE_CONVERTERS`: API filter names → model names (for volumes, snapshots, backups). */
const CONVERTERS: ReadonlyArray<readonly [string, string]> = [
  ['name~', 'display_name~'],
  ['description~', 'display_description~'],
  ['consumes_quota', 'use_quota'],
];

/**
 * Cinder's generic filtering (`common.process_general_filtering`, MV ≥ 3.31): filter keys must be ASCII;
 * non-admins may only use the resource's configured filters (`resource_filters.json`; with like filters
 * (≥ 3.34) `key~` only where `key~` is configured) — `all_tenants` is silently dropped, anything else is
 * a 400 naming the keys; then API names become model names. Mutates `filters`.
 */
export function processGeneralFiltering<V>(
  filters: Map<string, V>,
  caller: ListCaller,
  configured: readonly string[],
  likeFilters: boolean,
): void {
  for (const key of filters.keys()) {
    if (/[^\x00-\x7f]/.test(key)) throw new BadRequest('Filter keys can only contain ASCII characters.');
  }
  if (!caller.isAdmin) {
    const allowed = (key: string) => configured.includes(key) || (likeFilters && configured.includes(`${key}~`));
    const invalid = [...filters.keys()].filter((key) => !allowed(key));
    // cinderclient always sends all_tenants: not held against a non-admin (Cinder bug #1917574).
    if (invalid.includes('all_tenants')) filters.delete('all_tenants');
    const rejected = invalid.filter((key) => key !== 'all_tenants');
    if (rejected.length > 0) throw new BadRequest(`Invalid filters ${rejected.join(',')} are found in query options.`);
  }
  for (const [from, to] of CONVERTERS) {
    if (!filters.has(from)) continue;
    const value = filters.get(from)!;
    filters.delete(from);
    filters.set(to, value);
  }
}

/** Before 3.31 (`api_utils.remove_invalid_filter_options`): a non-admin's other filters are dropped silently. */
export function dropNonAdminFilters<V>(filters: Map<string, V>, caller: ListCaller, allowed: readonly string[]): void {
  if (caller.isAdmin) return;
  for (const key of [...filters.keys()]) if (!allowed.includes(key)) filters.delete(key);
}

/** Python `str.rstrip('~')`. */
export const withoutTilde = (key: string): string => key.replace(/~+$/, '');
