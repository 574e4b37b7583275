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
  apply(tx: SqlExecutor, event: RecordedEvent): Promise<void>;
}

export const INLINE_PROJECTIONS = Symbol('INLINE_PROJECTIONS');
