import type { TableDiff } from './read-model-diff.js';

/** Where a replay is: events applied so far out of the log's size when it started (an estimate). */
export interface ReplayProgress {
  phase: 'rebuild' | 'swap' | 'compare';
  applied: number;
  total: number;
}

export interface ReplayOptions {
  /** Events per read and per transaction of the rebuild. */
  batchSize?: number;
  onProgress?: (progress: ReplayProgress) => void;
}

interface ReplayTiming {
  /** Events applied to the rebuilt tables. */
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Milliseconds per phase: open, rebuild, indexes and catchUp (swap), barrier, compare (verify). */
  phasesMs: Record<string, number>;
}

export interface VerifyReport extends ReplayTiming {
  tables: TableDiff[];
  /** Rows that differ, over all tables. */
  differences: number;
}

export interface SwapReport extends ReplayTiming {
  tables: readonly string[];
  /** Events committed after the catch-up and applied under the barrier, just before the swap. */
  tailEvents: number;
  /** How long appends and read-model access waited on the barrier. */
  barrierMs: number;
  /** Barrier attempts given up (lock waits or an old transaction) before one succeeded. */
  retries: number;
}
