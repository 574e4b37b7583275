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
export { ConcurrencyError, EventIdConflictError } from './event-store.errors.js';
export { EventStore, type InTransaction } from './event-store.js';
export { INLINE_PROJECTIONS, type InlineProjection } from './inline-projection.js';
export type { AppendGuard } from './append-guard.js';
export type { SqlExecutor } from './sql-executor.js';
export { createDataSource, ensureDatabase, migrate, poolOf, type DatabaseOptions } from './database.js';
export { EventListener } from './subscription/event-listener.js';
export { CheckpointedSubscription, type SubscriptionOptions } from './subscription/checkpointed-subscription.js';
export { EventStore1764000000000 } from './migrations/1764000000000-event-store.js';
export { microsNow } from './clock.js';
