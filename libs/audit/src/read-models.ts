/**
 * The read models the inline projections ({@link inlineProjections} of `#ember/platform`) build: every
 * table a replay rebuilds, compares and swaps. A new read model is added here and to the projections
 * together (a unit test checks this list against the platform's entities).
 */
export const READ_MODEL_TABLES = ['volumes', 'snapshots', 'quota_limits', 'quota_usages'] as const;

export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];
