import type { RecordedEvent } from './event.types.js';
import type { SqlExecutor } from './sql-executor.js';

/**
 * A read model kept in the same transaction as the events it is built from, so a read right after
 * an append sees it. Must be a pure function of the events: time comes from event data, never now().
 */
export interface InlineProjection {
  readonly name: string;
  /** Event types this projection reacts to. */
  readonly handles: readonly string[];
  /**
   * `false`: {@link apply} never reads `event.metadata`. A replay whose projections all say so does not
   * read the log's metadata (half of what the database sends); reading it there anyway throws.
   */
  readonly readsMetadata?: boolean;
  apply(tx: SqlExecutor, event: RecordedEvent): Promise<void>;
  /**
   * Optional, for rebuilds (`ember replay`): applies many of its events at once (in log order, only
   * types it handles) with exactly the effect of {@link apply} on each in turn, e.g. by folding a
   * stream's events into the one row they leave. A projection without it is replayed event by event.
   */
  applyBatch?(tx: SqlExecutor, events: readonly RecordedEvent[]): Promise<void>;
}

export const INLINE_PROJECTIONS = Symbol('INLINE_PROJECTIONS');
