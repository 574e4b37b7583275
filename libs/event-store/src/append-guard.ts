import type { RecordedEvent } from './event.types.js';
import type { SqlExecutor } from './sql-executor.js';

/**
 * A rule decided inside the append transaction, for rules no single stream can see (a project's quota
 * spans many streams). It runs for each matching event after the event is inserted and before that
 * event's inline projections; it may lock and read read-model rows, and throwing refuses the append:
 * the transaction, events included, rolls back and nothing is stored.
 *
 * Guards are not projections: they decide, they never build a read model, and replays never run them.
 * Whatever state a guard relies on must be kept by an inline projection.
 */
export interface AppendGuard {
  readonly name: string;
  /** Event types this guard decides on. */
  readonly handles: readonly string[];
  check(tx: SqlExecutor, event: RecordedEvent): Promise<void>;
}
