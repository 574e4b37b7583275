import { START } from '#ember/event-store';
import { diffTable, type TableDiff } from './read-model-diff.js';
import { ReplaySession, type ReplayTarget } from './replay-session.js';
import type { ReplayOptions, SwapReport, VerifyReport } from './replay.types.js';
import { awaitReadableLog, BarrierBusy, isLockTimeout, lockWaits, stopAppends, stopAppendsAndTake } from './write-barrier.js';

const MAX_BARRIER_ATTEMPTS = 50;

/**
 * Rebuilds every read model from the event log by running the inline projections (never the append
 * guards) into a shadow schema, then either compares it with the live tables ({@link verify}) or puts
 * it in their place ({@link swap}) while the API keeps serving.
 */
export class ReadModelReplay {
  constructor(
    private readonly target: ReplayTarget,
    private readonly options: ReplayOptions = {},
  ) {}

  /**
   * Rebuilds into a shadow schema and compares it with the live read models at one instant of the log:
   * appends are stopped just long enough to apply the last events and take a snapshot of both sides
   * (REPEATABLE READ), then the comparison runs on that snapshot while writes go on.
   */
  async verify(): Promise<VerifyReport> {
    const session = await ReplaySession.open(this.target, this.options);
    try {
      let cursor = await session.catchUp(START);
      const compare = await session.connect('ember-replay-compare');
      try {
        const waits = await lockWaits(session.control);
        await this.withBarrier(
          async () => {
            await session.control.query('BEGIN');
            await stopAppends(session.control, session.events, waits.eventsMs);
            await awaitReadableLog(session.control, session.events);
            cursor = await session.catchUp(cursor);
            await compare.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
            await compare.query('SELECT 1'); // the snapshot: both sides as of the stopped log
            await session.control.query('COMMIT');
          },
          async () => {
            await compare.query('ROLLBACK').catch(() => undefined);
            await session.control.query('ROLLBACK');
            cursor = await session.catchUp(cursor);
          },
        );
        this.options.onProgress?.({ phase: 'compare', applied: session.eventsApplied, total: session.eventsApplied });
        const tables: TableDiff[] = [];
        for (const table of this.target.tables) tables.push(await diffTable(compare, table, session.shadow.live, session.shadow.name));
        await compare.query('COMMIT');
        return { ...timing(session), tables, differences: tables.reduce((n, t) => n + t.count, 0) };
      } finally {
        await compare.end().catch(() => undefined);
      }
    } finally {
      await session.close();
    }
  }

  /**
   * Rebuilds into a shadow schema, then swaps the copies in, in one transaction that stops appends
   * (SHARE on `events`), takes the live tables (ACCESS EXCLUSIVE), applies the events committed since
   * the catch-up, and moves the tables. Requests arriving meanwhile wait on those locks and then use
   * the new tables; none fails. If the locks don't come quickly it backs off and tries again.
   */
  async swap(): Promise<SwapReport> {
    const session = await ReplaySession.open(this.target, this.options);
    try {
      let cursor = await session.catchUp(START);
      await session.shadow.completeLike(session.control);
      cursor = await session.catchUp(cursor);
      const waits = await lockWaits(session.control);
      const live = this.target.tables.map((t) => session.shadow.qualified(t, session.shadow.live)).join(', ');
      let barrierMs = 0;
      let tailEvents = 0;
      const retries = await this.withBarrier(
        async () => {
          const started = Date.now();
          tailEvents = await session.inWriterTransaction(async (db) => {
            await db.query('SET LOCAL synchronous_commit TO on');
            await stopAppendsAndTake(db, session.events, live, waits);
            await awaitReadableLog(db, session.events);
            const tail = await session.applyTail(cursor);
            await session.shadow.replaceLive(db);
            return tail.events;
          });
          barrierMs = Date.now() - started;
          session.record('swap', tailEvents, 0);
        },
        async () => {
          cursor = await session.catchUp(cursor);
        },
      );
      return { ...timing(session), tables: this.target.tables, tailEvents, barrierMs, retries };
    } finally {
      await session.close();
    }
  }

  /** Runs `attempt` until it gets its locks; `backOff` undoes a failed attempt and catches up. Answers the retries. */
  private async withBarrier(attempt: () => Promise<void>, backOff: () => Promise<void>): Promise<number> {
    for (let retries = 0; ; retries++) {
      try {
        await attempt();
        return retries;
      } catch (e) {
        await backOff();
        if (!(isLockTimeout(e) || e instanceof BarrierBusy) || retries + 1 >= MAX_BARRIER_ATTEMPTS) throw e;
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 20 * Math.min(retries + 1, 10)));
      }
    }
  }
}

function timing(session: ReplaySession) {
  const seconds = (Date.now() - session.started) / 1000;
  const { events, ms } = session.rebuilt;
  return { events: session.eventsApplied, seconds, eventsPerSecond: Math.round((events * 1000) / Math.max(ms, 1)) };
}
