/**
 * The read models the inline projections ({@link inlineProjections} of `#ember/platform`) build: every
 * table a replay rebuilds, compares and swaps. A new read model is added here and to the projections
 * together (a unit test checks this list against the platform's entities).
 */
export const READ_MODEL_TABLES = ['volumes', 'snapshots', 'quota_limits', 'quota_usages'] as const;

export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];

/**
 * Read models whose rows are not their meaning: they are compared through a query that gives one row
 * per key. `quota_usages` spreads a project's usage of a resource over shards (which shard holds what
 * depends on the connection that wrote it), so only the sums per project and resource are compared.
 */
export const READ_MODEL_COMPARED_AS: Partial<Record<ReadModelTable, { keys: string[]; rows: (table: string) => string }>> = {
  quota_usages: {
    keys: ['project_id', 'resource'],
    rows: (t) => `SELECT project_id, resource, sum(in_use)::bigint AS in_use FROM ${t} GROUP BY project_id, resource`,
  },
};
