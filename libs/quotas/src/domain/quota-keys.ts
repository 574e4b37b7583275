import { DEFAULT_VOLUME_TYPE } from '#ember/volumes';

/** The resources Ember counts, one usage row each per project. */
export type CountedResource = 'gigabytes' | 'snapshots' | 'volumes';

/** Cinder's per-volume-type key for a counted resource (`snapshots___DEFAULT__`); Ember has one type. */
export const typedKey = (resource: CountedResource): string => `${resource}_${DEFAULT_VOLUME_TYPE}`;

/**
 * Every key of a Cinder quota set, in the order Cinder lists them (`QUOTAS` resources, the
 * per-volume-type ones for each type, then `GROUP_QUOTAS`): response bodies keep this order.
 */
export const QUOTA_KEYS = [
  'volumes',
  'per_volume_gigabytes',
  'snapshots',
  'gigabytes',
  'backups',
  'backup_gigabytes',
  typedKey('volumes'),
  typedKey('gigabytes'),
  typedKey('snapshots'),
  'groups',
] as const;

export type QuotaKey = string;

/** Keys a quota_set body may carry that are not limits (Cinder's `NON_QUOTA_KEYS`); OSC sends `tenant_id`. */
export const NON_QUOTA_KEYS: readonly string[] = ['tenant_id', 'id'];

export const isQuotaKey = (key: string): boolean => (QUOTA_KEYS as readonly string[]).includes(key);

/** The usage row a key is measured against; per-type keys share the totals' row (one volume type). */
export function countedBy(key: QuotaKey): CountedResource | null {
  for (const resource of ['volumes', 'gigabytes', 'snapshots'] as const) {
    if (key === resource || key === typedKey(resource)) return resource;
  }
  return null;
}

/** The limits operators configure (`EMBER_QUOTA_*`; -1 = unlimited). */
export interface QuotaDefaults {
  snapshots: number;
  volumes: number;
  gigabytes: number;
}

/**
 * The default of every key: the configured three, and Cinder's own defaults for the rest
 * (`quota_backups` 10, `quota_backup_gigabytes` 1000, `quota_groups` 10, `per_volume_size_limit` -1;
 * per-volume-type keys have no flag, so -1).
 */
export function defaultLimits(defaults: QuotaDefaults): Record<QuotaKey, number> {
  return {
    volumes: defaults.volumes,
    per_volume_gigabytes: -1,
    snapshots: defaults.snapshots,
    gigabytes: defaults.gigabytes,
    backups: 10,
    backup_gigabytes: 1000,
    [typedKey('volumes')]: -1,
    [typedKey('gigabytes')]: -1,
    [typedKey('snapshots')]: -1,
    groups: 10,
  };
}
