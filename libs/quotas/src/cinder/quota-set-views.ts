import type { ProjectQuotas } from '../application/project-quotas.js';
import { QUOTA_KEYS } from '../domain/quota-keys.js';

/** One resource of `?usage=true`: Cinder's quota driver gives `reserved`, Ember never holds reservations. */
export interface QuotaUsageJson {
  limit: number;
  in_use: number;
  reserved: number;
}

/**
 * `{"quota_set": {...}}` as `cinder/api/contrib/quotas.py` builds it: keys in Cinder's order, limits, or
 * `{limit, in_use, reserved}` with `usage`; `id` last for show and defaults (the update answer has none).
 */
export function quotaSetView(q: ProjectQuotas, options: { usage?: boolean; withId?: boolean } = {}) {
  const set: Record<string, number | QuotaUsageJson | string> = {};
  for (const key of QUOTA_KEYS) {
    set[key] = options.usage ? { limit: q.limits[key]!, in_use: q.inUse[key]!, reserved: 0 } : q.limits[key]!;
  }
  if (options.withId ?? true) set.id = q.projectId;
  return { quota_set: set };
}

const MAX_NAMES: [string, string][] = [
  ['volumes', 'maxTotalVolumes'],
  ['snapshots', 'maxTotalSnapshots'],
  ['gigabytes', 'maxTotalVolumeGigabytes'],
  ['backups', 'maxTotalBackups'],
  ['backup_gigabytes', 'maxTotalBackupGigabytes'],
];
const USED_NAMES: [string, string][] = [
  ['volumes', 'totalVolumesUsed'],
  ['gigabytes', 'totalGigabytesUsed'],
  ['snapshots', 'totalSnapshotsUsed'],
  ['backups', 'totalBackupsUsed'],
  ['backup_gigabytes', 'totalBackupGigabytesUsed'],
];

/**
 * `GET /limits` (`cinder/api/views/limits.py`, `contrib/used_limits.py`): no rate limits, the absolute
 * limits, and the `total*Used` counters only for callers the `limits_extension:used_limits` rule allows.
 */
export function limitsView(q: ProjectQuotas, withUsed: boolean) {
  const absolute: Record<string, number> = {};
  for (const [key, name] of MAX_NAMES) absolute[name] = q.limits[key]!;
  if (withUsed) for (const [key, name] of USED_NAMES) absolute[name] = q.inUse[key]!;
  return { limits: { rate: [] as unknown[], absolute } };
}
