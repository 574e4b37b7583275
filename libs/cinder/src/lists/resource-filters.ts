/**
 * The filters non-admins may use (`etc/cinder/resource_filters.json`, Cinder's defaults) for the
 * resources Ember serves, in the file's order. Ember accepts every one of them; those about things it
 * does not have (bootable volumes, migrations, groups) behave as on a Cinder without them.
 */
export const RESOURCE_FILTERS = {
  volume: [
    'name',
    'status',
    'metadata',
    'bootable',
    'migration_status',
    'availability_zone',
    'group_id',
    'size',
    'created_at',
    'updated_at',
    'consumes_quota',
  ],
  snapshot: ['name', 'status', 'volume_id', 'metadata', 'availability_zone', 'consumes_quota'],
} as const satisfies Record<string, readonly string[]>;

export type FilterableResource = keyof typeof RESOURCE_FILTERS;

/**
 * The body of `GET /resource_filters[?resource=<name>]` (MV ≥ 3.33): every resource, or just the named
 * one — an empty list for a resource Ember does not serve (an empty `resource` means every one).
 */
export function resourceFiltersBody(resource?: string): { resource_filters: Array<{ resource: string; filters: string[] }> } {
  const entries = Object.entries(RESOURCE_FILTERS).filter(([name]) => !resource || name === resource);
  return { resource_filters: entries.map(([name, filters]) => ({ resource: name, filters: [...filters] })) };
}
