import type { EmberConfig } from '#ember/config';
import type { QuotaDefaults } from '../domain/quota-keys.js';

/** The configured defaults (`EMBER_QUOTA_SNAPSHOTS`, `_VOLUMES`, `_GIGABYTES`). */
export const quotaDefaultsOf = (config: EmberConfig): QuotaDefaults => ({
  snapshots: config.quotaSnapshots,
  volumes: config.quotaVolumes,
  gigabytes: config.quotaGigabytes,
});
