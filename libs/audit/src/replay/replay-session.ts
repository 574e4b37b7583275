import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { GlobalPosition, InlineProjection, RecordedEvent } from '#ember/event-store';
import { LogReader } from './log-reader.js';
import { PipelinedExecutor } from './pipelined-executor.js';
import { ProjectionRunner } from './projection-runner.js';
import type { ReplayOptions, ReplayProgress } from './replay.types.js';
import { ShadowSchema } from './shadow-schema.js';

/** What to replay: the database, the projections to run and the tables they build. */
export interface ReplayTarget {
  url: string;
  projections: readonly InlineProjection[];
  tables: readonly string[];
}

/** Session-level advisory lock: one replay per database at a time. */
const REPLAY_LOCK = 'ember:replay';
const SHADOW_PREFIX = 'ember_replay_';
/** Events per read and per transaction of the rebuild, unless the options say. */
const DEFAULT_BATCH_SIZE = 5_000;
/** Batch transactions sent and not yet committed while the next batch is folded. */
const COMMITS_IN_FLIGHT = 2;

/**
 * The connections and shadow schema of one replay. `control` holds the replay lock and does the DDL;
 * `writer` is a pipelined connection whose search_path is the shadow schema alone (named prepared
 * statements bind to the tables they first resolved, so it never serves another schema); `readers`
 * prefetch the next batch of the log while the writer applies the current one.
 */
export class ReplaySession {
  readonly started = Date.now();
  private applied = 0;
  /** Events applied by catch-ups and the time they took (the rebuild's throughput). */
  readonly rebuilt = { events: 0, ms: 0 };
  private readonly runner: ProjectionRunner;
  private readonly reader: LogReader;

  private constructor(
    private readonly url: string,
    readonly control: pg.Client,
    readonly writer: PipelinedExecutor,
    private readonly writerClient: pg.Client,
    private readonly readers: pg.Pool,
    readonly shadow: ShadowSchema,
    private readonly total: number,
    private readonly options: ReplayOptions,
    projections: readonly InlineProjection[],
  ) {
    this.runner = new ProjectionRunner(projections);
    // The log's metadata is read only if some projection may read it.
    this.reader = new LogReader(projections.some((p) => p.readsMetadata !== false));
  }

  /** @param durable the shadow tables will be swapped in: WAL-logged from the start ({@link ShadowSchema}) */
  static async open(target: ReplayTarget, options: ReplayOptions, durable: boolean): Promise<ReplaySession> {
    const control = await connect(target.url, 'ember-replay');
    let writerClient: pg.Client | undefined;
    let readers: pg.Pool | undefined;
    try {
      const { rows } = await control.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [REPLAY_LOCK]);
      if (!rows[0]!.ok) throw new Error('another ember replay is running on this database');
      const live = await liveSchema(control, target.tables);
      await dropLeftovers(control);
      const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
      const shadow = new ShadowSchema(`${SHADOW_PREFIX}${stamp}_${randomBytes(2).toString('hex')}`, live, target.tables, durable);
      await shadow.create(control);
      writerClient = await connect(target.url, 'ember-replay-writer', true);
      await writerClient.query(`SET search_path TO ${pg.escapeIdentifier(shadow.name)}`);
      // The shadow tables are disposable until the swap, whose transaction turns this back on.
      await writerClient.query('SET synchronous_commit TO off');
      readers = new pg.Pool({ connectionString: target.url, max: 2, application_name: 'ember-replay-reader' });
      // The progress bar's total: the planner's estimate (counting a large log took longer than opening the rest).
      const events = shadow.qualified('events', live);
      const { rows: count } = await control.query<{ n: number }>(
        `SELECT CASE WHEN reltuples >= 0 THEN reltuples::bigint ELSE (SELECT count(*) FROM ${events}) END::int AS n
           FROM pg_class WHERE oid = $1::regclass`,
        [events],
      );
      return new ReplaySession(
        target.url, control, new PipelinedExecutor(writerClient), writerClient, readers, shadow,
        count[0]!.n, options, target.projections,
      );
    } catch (e) {
      await writerClient?.end().catch(() => undefined);
      await readers?.end().catch(() => undefined);
      await control.end().catch(() => undefined); // its schema, if made, goes with the next replay's leftovers
      throw e;
    }
  }

  get eventsApplied(): number {
    return this.applied;
  }

  /** The live `events` table, schema-qualified. */
  get events(): string {
    return this.shadow.qualified('events', this.shadow.live);
  }

  /**
   * Applies every event readable after `from` to the shadow tables, one transaction per batch (a long
   * transaction would hold back the oldest-running-transaction horizon every log reader waits on).
   * Nothing waits for a batch's writes: its COMMIT is sent behind them and the next batch is read and
   * folded while the server applies it, up to {@link COMMITS_IN_FLIGHT} transactions ahead.
   */
  async catchUp(from: GlobalPosition): Promise<GlobalPosition> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    let mark = Date.now();
    let cursor = from;
    const commits: Promise<void>[] = [];
    let next = this.reader.read(cursor, batchSize, this.readers);
    try {
      for (;;) {
        const batch = await next;
        if (batch.length === 0) break;
        cursor = positionOf(batch);
        next = this.reader.read(cursor, batchSize, this.readers);
        next.catch(() => undefined); // awaited next round; only unhandled until then
        this.writer.control('BEGIN').catch(() => undefined); // a failure is the COMMIT's too
        await this.runner.apply(this.writer, batch);
        const committed = this.writer.control('COMMIT').then(() => {
          const now = Date.now();
          this.record('rebuild', batch.length, now - mark);
          mark = now;
        });
        committed.catch(() => undefined); // awaited below
        commits.push(committed);
        if (commits.length > COMMITS_IN_FLIGHT) await commits.shift();
      }
      for (const committed of commits) await committed;
      await this.writer.settle();
      return cursor;
    } catch (e) {
      await this.writer.settle().catch(() => undefined);
      await this.writerClient.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  /** Inside a writer transaction: applies everything readable after `from`; counted once it commits ({@link record}). */
  async applyTail(from: GlobalPosition): Promise<{ cursor: GlobalPosition; events: number }> {
    let cursor = from;
    let events = 0;
    for (;;) {
      const batch = await this.reader.read(cursor, this.options.batchSize ?? DEFAULT_BATCH_SIZE, this.writer);
      if (batch.length === 0) return { cursor, events };
      await this.runner.apply(this.writer, batch);
      cursor = positionOf(batch);
      events += batch.length;
    }
  }

  /** Runs `fn` in one writer transaction; every pipelined write is confirmed before it resolves. */
  async inWriterTransaction<T>(fn: (db: PipelinedExecutor) => Promise<T>): Promise<T> {
    await this.writer.query('BEGIN');
    try {
      const value = await fn(this.writer);
      await this.writer.settle();
      await this.writer.query('COMMIT');
      return value;
    } catch (e) {
      await this.writer.settle().catch(() => undefined);
      await this.writerClient.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  /** A plain extra connection (closed by the caller). */
  connect(name: string): Promise<pg.Client> {
    return connect(this.url, name);
  }

  async close(): Promise<void> {
    await this.writerClient.end().catch(() => undefined);
    await this.readers.end().catch(() => undefined);
    try {
      await this.shadow.drop(this.control);
    } finally {
      await this.control.end().catch(() => undefined);
    }
  }

  /** Counts `n` committed events (that took `ms` to read and apply) and reports progress. */
  record(phase: ReplayProgress['phase'], n: number, ms: number): void {
    if (phase === 'rebuild') {
      this.rebuilt.events += n;
      this.rebuilt.ms += ms;
    }
    this.applied += n;
    this.options.onProgress?.({ phase, applied: this.applied, total: Math.max(this.total, this.applied) });
  }
}

const positionOf = (batch: RecordedEvent[]): GlobalPosition => {
  const last = batch[batch.length - 1]!;
  return { txId: last.txId, position: last.position };
};

async function connect(url: string, name: string, pipeline = false): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: name, pipeline });
  await client.connect();
  return client;
}

/** The schema the live read models (and the log) are in, as the connection's search_path finds them. */
async function liveSchema(db: pg.Client, tables: readonly string[]): Promise<string> {
  const { rows } = await db.query<{ name: string; schema: string | null }>(
    `SELECT t.name, (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE c.oid = to_regclass(quote_ident(t.name))) AS schema
       FROM unnest($1::text[]) AS t(name)`,
    [['events', ...tables]],
  );
  const schemas = new Set(rows.map((r) => r.schema));
  const missing = rows.filter((r) => r.schema === null).map((r) => r.name);
  if (missing.length > 0) throw new Error(`tables not found (migrate first?): ${missing.join(', ')}`);
  if (schemas.size !== 1) throw new Error('the event log and the read models are in different schemas');
  return rows[0]!.schema!;
}

/** Shadow schemas of replays that died: nobody else can be using them, we hold the replay lock. */
async function dropLeftovers(db: pg.Client): Promise<void> {
  const { rows } = await db.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)`, [SHADOW_PREFIX]);
  for (const { name } of rows) await db.query(`DROP SCHEMA ${pg.escapeIdentifier(name)} CASCADE`);
}
