/** Optimistic-concurrency failure: the stream was not at the expected version. */
export class ConcurrencyError extends Error {
  readonly code = 'EVENT_STORE_CONCURRENCY';
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: number | null,
  ) {
    super(`Stream ${streamId} expected at ${expected} but is at ${actual ?? 'unknown (concurrent append)'}`);
    this.name = 'ConcurrencyError';
  }
}

/** An event id already stored with a different stream or type: a retried append that does not match. */
export class EventIdConflictError extends Error {
  readonly code = 'EVENT_STORE_EVENT_ID_CONFLICT';
  constructor(readonly eventId: string) {
    super(`Event ${eventId} is already stored with different content`);
    this.name = 'EventIdConflictError';
  }
}

/** SQLSTATE raised by `ember_fresh` when a remembered read-model version is no longer current. */
export const STALE_READ_SQLSTATE = 'EMSTL';

/** Did this transaction fail because a state it decided on was stale (see `ember_fresh`)? */
export function isStaleRead(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === STALE_READ_SQLSTATE;
}
