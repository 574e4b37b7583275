import type { QuotaKey } from '../domain/quota-keys.js';

/** A project's limits (defaults filled in) and usage, for every key of a Cinder quota set. */
export interface ProjectQuotas {
  projectId: string;
  limits: Record<QuotaKey, number>;
  inUse: Record<QuotaKey, number>;
}
