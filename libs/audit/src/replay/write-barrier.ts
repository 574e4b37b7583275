import { COMMITTED_HORIZON_SQL, type SqlExecutor } from '#ember/event-store';

/** Postgres `lock_not_available`: a lock_timeout expired. */
export const LOCK_NOT_AVAILABLE = '55P03';

/** Thrown when a quiet moment to take the barrier did not come; the caller retries later. */
export class BarrierBusy extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'BarrierBusy';
  }
}

/**
 * How long the barrier may wait for each lock. Shorter than `deadlock_timeout`, together, so that when
 * a request transaction and the barrier wait for each other the barrier gives up first (and retries)
 * instead of Postgres picking the request as the deadlock victim.
 */
export async function lockWaits(db: SqlExecutor): Promise<{ eventsMs: number; tablesMs: number }> {
  const { rows } = await db.query<{ ms: number }>(`SELECT setting::int AS ms FROM pg_settings WHERE name = 'deadlock_timeout'`);
  const deadlockMs = rows[0]?.ms ?? 1000;
  return { eventsMs: Math.max(20, Math.floor(deadlockMs * 0.4)), tablesMs: Math.max(10, Math.floor(deadlockMs * 0.2)) };
}

/**
 * Stops appends: every append inserts into `events` (ROW EXCLUSIVE, which SHARE excludes) before it
 * touches any read model, so once this lock is held every append has either committed or not begun.
 * Readers of the log (the dispatcher) are not blocked. Must run inside a transaction.
 */
export async function stopAppends(db: SqlExecutor, events: string, waitMs: number): Promise<void> {
  await db.query(`SET LOCAL lock_timeout = '${waitMs}ms'`);
  await db.query(`LOCK TABLE ${events} IN SHARE MODE`);
}

/**
 * {@link stopAppends}, then ACCESS EXCLUSIVE on `tables` (reads of them wait too), sent together: on
 * a pipelined connection no client-side pause (a GC, a busy event loop) can stretch the moment between
 * the two waits, which the deadlock margin of {@link lockWaits} counts on.
 */
export async function stopAppendsAndTake(
  db: SqlExecutor,
  events: string,
  tables: string,
  waits: { eventsMs: number; tablesMs: number },
): Promise<void> {
  await Promise.all([
    db.query(`SET LOCAL lock_timeout = '${waits.eventsMs}ms'`),
    db.query(`LOCK TABLE ${events} IN SHARE MODE`),
    db.query(`SET LOCAL lock_timeout = '${waits.tablesMs}ms'`),
    db.query(`LOCK TABLE ${tables} IN ACCESS EXCLUSIVE MODE`),
  ]);
}

/**
 * Waits until `readAll` can see the last committed event: it reads only below the oldest running
 * transaction id, so a transaction that got its id earlier and is still open (nothing to do with us)
 * hides later events. With appends stopped no new event can appear, so this ends as soon as such
 * transactions finish; after `maxMs` the barrier is given up.
 */
export async function awaitReadableLog(db: SqlExecutor, events: string, maxMs = 500): Promise<void> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const { rows } = await db.query<{ readable: boolean }>(
      `SELECT coalesce((SELECT tx_id FROM ${events} ORDER BY tx_id DESC, position DESC LIMIT 1)
                       < ${COMMITTED_HORIZON_SQL}, true) AS readable`,
    );
    if (rows[0]!.readable) return;
    if (Date.now() > deadline) throw new BarrierBusy('an older transaction kept the last events unreadable');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const isLockTimeout = (e: unknown): boolean => (e as { code?: string })?.code === LOCK_NOT_AVAILABLE;
