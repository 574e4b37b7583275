export type {
  AppendResult,
  AppendToStream,
  EventMetadata,
  ExpectedVersion,
  GlobalPosition,
  NewEvent,
  RecordedEvent,
} from './event.types.js';
export { START } from './event.types.js';
export { ConcurrencyError, EventIdConflictError, isStaleRead, STALE_READ_SQLSTATE } from './event-store.errors.js';
export { EventStore, type AppendCondition, type InTransaction } from './event-store.js';
export { GroupCommit, type GroupCommitOptions, type TransactionOutcome, type TransactionRunner } from './group-commit.js';
export { INLINE_PROJECTIONS, type InlineProjection } from './inline-projection.js';
export { applyRowChanges, writeRowChange, type RowChange, type RowPerStream } from './row-changes.js';
export type { AppendGuard } from './append-guard.js';
export type { SqlExecutor } from './sql-executor.js';
export { createDataSource, ensureDatabase, migrate, poolOf, type DatabaseOptions } from './database.js';
export { EventListener } from './subscription/event-listener.js';
export { CheckpointedSubscription, type SubscriptionOptions } from './subscription/checkpointed-subscription.js';
export { EventStore1764000000000 } from './migrations/1764000000000-event-store.js';
export { microsNow } from './clock.js';
export { EventHashes1764000000500 } from './migrations/1764000000500-event-hashes.js';
export { NotifyAfterCommit1764000000600 } from './migrations/1764000000600-notify-after-commit.js';
export { StaleReadCheck1764000000800 } from './migrations/1764000000800-stale-read-check.js';
export { AppendNotifier, EVENTS_CHANNEL } from './subscription/append-notifier.js';
export { COMMITTED_HORIZON_SQL } from './subscription/committed-horizon.js';
export { canonicalJson } from './hashing/canonical-json.js';
export { eventHash, GENESIS_HASH, type HashedContent } from './hashing/event-hash.js';
export { Sealer, type SealerOptions } from './seals/sealer.js';
export type { Seal } from './seals/seal.js';
export { verifyLog } from './verify/verify-log.js';
export type { VerifyOptions, VerifyProblem, VerifyReport } from './verify/verify.types.js';
export { UpcasterRegistry, type Upcast } from './upcasting/upcaster-registry.js';
export { emberUpcasters } from './upcasting/ember-upcasters.js';
export { expectOk, isWriteOnly } from './pipelined-transaction.js';
