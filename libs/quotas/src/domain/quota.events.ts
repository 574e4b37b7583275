/** Quota stream event types (`quota-<project_id>`). Stable strings; a new shape gets a new version. */
export const QuotaEvents = {
  LimitsSet: 'quota.limits_set.v1',
  LimitsReset: 'quota.limits_reset.v1',
} as const;

/** One stream per project whose limits an admin changed: the project's limit history. */
export const quotaStream = (projectId: string): string => `quota-${projectId}`;

/** `PUT os-quota-sets/{project}`: these limits (-1 = unlimited) replace the project's current ones; others stay. */
export interface QuotaLimitsSet {
  projectId: string;
  limits: Record<string, number>;
  at: string;
}

/** `DELETE os-quota-sets/{project}`: every limit of the project is back to the defaults. */
export interface QuotaLimitsReset {
  projectId: string;
  at: string;
}
