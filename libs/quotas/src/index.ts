export { QuotaEvents, quotaStream, type QuotaLimitsReset, type QuotaLimitsSet } from './domain/quota.events.js';
export {
  countedBy,
  defaultLimits,
  NON_QUOTA_KEYS,
  QUOTA_KEYS,
  typedKey,
  type CountedResource,
  type QuotaDefaults,
  type QuotaKey,
} from './domain/quota-keys.js';
export { QuotaErrors } from './domain/quota.errors.js';
export { USAGE_EVENTS, usageChange, type UsageChange, type VolumeSizes } from './domain/usage-deltas.js';
export type { ProjectQuotas } from './application/project-quotas.js';
export { quotaDefaultsOf } from './application/quota-defaults.js';
export { GetQuotasQuery } from './application/get-quotas/get-quotas.query.js';
export { SetQuotasCommand } from './application/set-quotas/set-quotas.command.js';
export { ResetQuotasCommand } from './application/reset-quotas/reset-quotas.command.js';
export { validateQuotaSetName, validateQuotaSetUpdate } from './cinder/validate-quota-set.js';
export { limitsView, quotaSetView, type QuotaUsageJson } from './cinder/quota-set-views.js';
export { QuotaLimitEntity } from './infrastructure/quota-limit.entity.js';
export { QuotaUsageEntity } from './infrastructure/quota-usage.entity.js';
export { QuotaLimitsProjection } from './infrastructure/quota-limits.projection.js';
export { QuotaUsageProjection, USAGE_SHARDS, usageOf } from './infrastructure/quota-usage.projection.js';
export { QuotaGuard } from './infrastructure/quota.guard.js';
export { QuotaReadModels1764000000300 } from './migrations/1764000000300-quota-read-models.js';
export { QuotaUsageShards1764000000700 } from './migrations/1764000000700-quota-usage-shards.js';
export { QuotaAdmission1764000000900 } from './migrations/1764000000900-quota-admission.js';
export { QuotasModule } from './quotas.module.js';
