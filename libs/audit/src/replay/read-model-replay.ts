import { START } from '#ember/event-store';
import { diffTable, prepareComparison, type TableDiff } from './read-model-diff.js';
import { ReplaySession, type ReplayTarget } from './replay-session.js';
import type { ReplayOptions, SwapReport, VerifyReport } from './replay.types.js';
import { awaitReadableLog, BarrierBusy, isLockTimeout, lockWaits, stopAppends, stopAppendsAndTake } from './write-barrier.js';

const MAX_BARRIER_ATTEMPTS = 50;
/** maintenance_work_mem of the index builds after a rebuild (a sort that fits in memory, a GIN index built in one pass). */
const INDEX_BUILD_MEMORY = '256MB';

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
    const phases = new Phases();
    const session = await phases.time('open', () => ReplaySession.open(this.target, this.options, false));
    try {
      let cursor = await phases.time('rebuild', () => session.catchUp(START));
      const compare = await session.connect('ember-replay-compare');
      try {
        const waits = await lockWaits(session.control);
        phases.start('barrier');
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
        phases.start('compare');
        await prepareComparison(compare);
        const tables: TableDiff[] = [];
        for (const table of this.target.tables) tables.push(await diffTable(compare, table, session.shadow.live, session.shadow.name));
        await compare.query('COMMIT');
        phases.stop();
        return { ...timing(session, phases), tables, differences: tables.reduce((n, t) => n + t.count, 0) };
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
    const phases = new Phases();
    const session = await phases.time('open', () => ReplaySession.open(this.target, this.options, true));
    try {
      let cursor = await phases.time('rebuild', () => session.catchUp(START));
      await phases.time('indexes', async () => {
        // Two connections: the index builds and table rewrites that follow the load run side by side.
        const helper = await session.connect('ember-replay-indexes');
        try {
          const connections = [session.control, helper];
          for (const db of connections) await db.query(`SET maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
          await session.shadow.completeLike(connections);
          await session.control.query('RESET maintenance_work_mem');
        } finally {
          await helper.end().catch(() => undefined);
        }
      });
      cursor = await phases.time('catchUp', () => session.catchUp(cursor));
      const waits = await lockWaits(session.control);
      phases.start('barrier');
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
      phases.stop();
      return { ...timing(session, phases), tables: this.target.tables, tailEvents, barrierMs, retries };
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

function timing(session: ReplaySession, phases: Phases) {
  const seconds = (Date.now() - session.started) / 1000;
  const { events, ms } = session.rebuilt;
  return { events: session.eventsApplied, seconds, eventsPerSecond: Math.round((events * 1000) / Math.max(ms, 1)), phasesMs: phases.ms };
}

/** Where a replay's time went (the report's `phasesMs`). */
class Phases {
  readonly ms: Record<string, number> = {};
  private current: { name: string; since: number } | null = null;

  start(name: string): void {
    this.stop();
    this.current = { name, since: Date.now() };
  }

  stop(): void {
    if (this.current) this.ms[this.current.name] = (this.ms[this.current.name] ?? 0) + Date.now() - this.current.since;
    this.current = null;
  }

  async time<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.start(name);
    try {
      return await fn();
    } finally {
      this.stop();
    }
  }
}
