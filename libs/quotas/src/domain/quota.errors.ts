import { DomainError } from '#ember/kernel';

/**
 * Cinder's quota refusals, word for word. Over-quota messages carry the exception class as a prefix
 * because Cinder's fault wrapper renders its 413s as `ClassName: message`.
 */
export const QuotaErrors = {
  /** `SnapshotLimitExceeded` (413): the snapshot count, total or per type. */
  snapshotLimitExceeded: (allowed: number) =>
    new DomainError(
      'QUOTA_SNAPSHOTS_EXCEEDED',
      'over_limit',
      `SnapshotLimitExceeded: Maximum number of snapshots allowed (${allowed}) exceeded`,
    ),

  /** `VolumeLimitExceeded` (413): `name` is the quota that is full (`volumes` or `volumes___DEFAULT__`). */
  volumeLimitExceeded: (allowed: number, name: string) =>
    new DomainError(
      'QUOTA_VOLUMES_EXCEEDED',
      'over_limit',
      `VolumeLimitExceeded: Maximum number of volumes allowed (${allowed}) exceeded for quota '${name}'.`,
    ),

  /** `VolumeSizeExceedsAvailableQuota` (413), for volumes and snapshots alike. */
  gigabytesExceeded: (name: string, requested: number, quota: number, consumed: number) =>
    new DomainError(
      'QUOTA_GIGABYTES_EXCEEDED',
      'over_limit',
      `VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed ${name} quota. ` +
        `Requested ${requested}G, quota is ${quota}G and ${consumed}G has been consumed.`,
    ),

  /** `VolumeSizeExceedsLimit` (413): one volume larger than `per_volume_gigabytes`. */
  volumeSizeExceedsLimit: (size: number, limit: number) =>
    new DomainError(
      'QUOTA_PER_VOLUME_GIGABYTES_EXCEEDED',
      'over_limit',
      `VolumeSizeExceedsLimit: Requested volume size ${size}G is larger than maximum allowed limit ${limit}G.`,
    ),

  /** `PUT os-quota-sets` below what the project already uses (400). */
  limitBelowUsage: (key: string, usage: number, limit: number) =>
    new DomainError(
      'QUOTA_LIMIT_BELOW_USAGE',
      'invalid',
      `Quota ${key} limit must be equal or greater than existing resources. ` +
        `Current usage is ${usage} and the requested limit is ${limit}.`,
    ),
};
