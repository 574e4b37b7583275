import { createHash } from 'node:crypto';
import pg from 'pg';
import { isWriteOnly, type SqlExecutor } from '#ember/event-store';

type Query = { name?: string; text: string; values?: unknown[]; rowMode?: 'array' };
type Result = { rows: any[]; rowCount: number | null };
type Plan = { name: string; writeOnly: boolean };

/** Writes sent before the socket is flushed: one syscall per this many statements, not one each. */
const FLUSH_EVERY = 256;
/**
 * Writes in flight before a write waits for answers: enough to keep the server busy, few enough that
 * their query objects die young (a whole batch in flight survives garbage collections and costs more).
 */
const MAX_IN_FLIGHT = 1024;
const NO_ROWS: Result = { rows: [], rowCount: null };

/**
 * Runs projections over a pipelined connection (`pg.Client({ pipeline: true })`): a statement whose
 * result is never read is sent without waiting for its answer, so a batch of events costs about one
 * round trip instead of one per statement. Reads (SELECT, RETURNING) wait for their answer; the
 * pipeline keeps them ordered after the writes sent before them. Every statement is named after its
 * text, so each distinct one is parsed and planned once per connection.
 *
 * The connection must be dedicated to one schema (its `search_path`): prepared statements stay bound to
 * the tables they resolved when first prepared.
 */
export class PipelinedExecutor implements SqlExecutor {
  private readonly plans = new Map<string, Plan>();
  private outstanding = 0;
  private unflushed = 0;
  private drained: (() => void) | null = null;
  private roomy: (() => void) | null = null;
  private failure: unknown = null;

  constructor(private readonly client: pg.Client) {}

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string | Query,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }> {
    const q: Query = typeof text === 'string' ? { text, values } : text;
    const plan = this.planOf(q);
    if (plan.writeOnly) {
      this.send(plan.name, q, (err) => this.answered(err));
      this.outstanding++;
      if (this.outstanding < MAX_IN_FLIGHT) return Promise.resolve(NO_ROWS);
      this.flush();
      return new Promise((resolve) => (this.roomy = () => resolve(NO_ROWS)));
    }
    return new Promise((resolve, reject) => {
      // A write sent earlier failed first; this read would only report the aborted transaction.
      this.send(plan.name, q, (err, res) => (err ? reject(this.failure ?? err) : resolve(res as Result)));
      this.flush();
    });
  }

  /**
   * Sends a statement whose answer nobody reads (BEGIN, COMMIT) without waiting, like a write; answers
   * a promise that settles when its answer arrives: rejected if it or any statement sent earlier failed
   * (a COMMIT after a failed write only rolls back, it does not fail itself). Every caller must still
   * {@link settle} eventually.
   */
  control(text: 'BEGIN' | 'COMMIT'): Promise<void> {
    return new Promise((resolve, reject) => {
      this.send(undefined, { text }, (err) => {
        this.answered(err);
        if (this.failure) reject(this.failure);
        else resolve();
      });
      this.outstanding++;
      if (text === 'COMMIT') this.flush();
    });
  }

  /** Waits for every write sent so far; throws the first that failed. */
  async settle(): Promise<void> {
    this.flush();
    if (this.outstanding > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    this.drained = null;
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure;
  }

  /** Bookkeeping of a statement sent without waiting, once its answer arrives. */
  private answered(err: Error | undefined): void {
    if (err) this.failure ??= err;
    this.outstanding--;
    if (this.outstanding === MAX_IN_FLIGHT / 2 && this.roomy) {
      this.roomy();
      this.roomy = null;
    }
    if (this.outstanding === 0) this.drained?.();
  }

  private send(name: string | undefined, q: Query, callback: (err: Error | undefined, res?: unknown) => void): void {
    if (this.unflushed++ === 0) this.stream?.cork();
    // A Query built from text (not a config object) skips pg's per-call config cloning.
    const query = (q.rowMode ? new pg.Query({ text: q.text, values: q.values, rowMode: q.rowMode } as pg.QueryConfig, callback) : new pg.Query(q.text, q.values, callback)) as pg.Query & { name?: string };
    query.name = name;
    this.client.query(query);
    if (this.unflushed >= FLUSH_EVERY) this.flush();
  }

  private flush(): void {
    if (this.unflushed === 0) return;
    this.unflushed = 0;
    this.stream?.uncork();
  }

  private get stream(): { cork(): void; uncork(): void } | undefined {
    return (this.client as unknown as { connection?: { stream?: { cork(): void; uncork(): void } } }).connection?.stream;
  }

  private planOf(q: Query): Plan {
    let plan = this.plans.get(q.text);
    if (!plan) {
      const name = q.name ?? `ember_replay_${createHash('sha1').update(q.text).digest('hex').slice(0, 20)}`;
      plan = { name, writeOnly: isWriteOnly(q.text) };
      this.plans.set(q.text, plan);
    }
    return plan;
  }
}
