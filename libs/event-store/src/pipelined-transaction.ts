import type { PoolClient, QueryResultRow } from 'pg';
import type { SqlExecutor } from './sql-executor.js';
import { StatementBatch, type BatchedStatement } from './statement-batch.js';

type Query = string | { name?: string; text: string; values?: unknown[] };
type Result<R> = { rows: R[]; rowCount: number | null };

const IN_FAILED_TRANSACTION = '25P02';
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** A write whose result nobody reads: INSERT/UPDATE/DELETE without RETURNING. */
const WRITE_ONLY = /^\s*(INSERT|UPDATE|DELETE)\b(?![\s\S]*\bRETURNING\b)/i;
export const isWriteOnly = (sql: string): boolean => WRITE_ONLY.test(sql);
const NO_ROWS: Result<never> = { rows: [], rowCount: null };

interface Socket {
  cork(): void;
  uncork(): void;
}

/**
 * One transaction's statements over a pipelined connection (`pg` with `pipeline: true`): statements go
 * into the socket as they are issued, and the socket is flushed only once someone waits for an answer
 * and the code running has issued all it could without one. Everything issued until then travels in
 * one write (one system call, one round trip): `BEGIN` with the checks and the event insert, the quota
 * lock and read with them, the projections' writes with `COMMIT`. Statements already prepared on the
 * connection (named ones, after their first use; `BEGIN` and `COMMIT` too) are held until that flush
 * and sent as one {@link StatementBatch}, under a single Sync, so that Postgres also answers them all
 * in one write instead of flushing its socket after each.
 *
 * A statement nobody waits for can still fail: the first such failure is kept, reported instead of the
 * "transaction is aborted" errors that follow it, and thrown by {@link commit} (where Postgres answers
 * a failed transaction's COMMIT with a ROLLBACK, not an error). On a connection without pipelining,
 * statements simply run one after another: each is handed to `pg` once the one before has answered
 * (`pg` 8 would queue them itself, a deprecated behaviour that `pg` 9 removes).
 */
export class PipelinedTransaction implements SqlExecutor {
  private corked = false;
  private flushScheduled = false;
  private failure: unknown = null;
  private commitUnanswered = false;
  /** The answer of the last statement issued (answers come in order). */
  private last: Promise<unknown> | null = null;
  private readonly socket: Socket | null;

  /** Statements pg has prepared on this connection (name → text), which can go in a batch. */
  private readonly parsed: Record<string, string | undefined>;
  private batch: BatchedStatement[] = [];

  constructor(private readonly client: PoolClient) {
    const c = client as unknown as { pipeline?: boolean; connection?: { stream?: Socket; parsedStatements?: Record<string, string> } };
    this.socket = c.pipeline ? (c.connection?.stream ?? null) : null;
    this.parsed = c.connection?.parsedStatements ?? {};
  }

  /**
   * A statement; its answer is waited for by awaiting the result. A failure is `translate(error)` for
   * the caller and, if it is the transaction's first, for {@link commit} too.
   */
  query<R extends QueryResultRow = QueryResultRow>(text: Query, values?: unknown[], translate?: (e: unknown) => unknown): Promise<Result<R>> {
    const answer = this.issue<R>(text, values, translate);
    // Waiting for the answer is what sends the batch: `then` schedules the flush for when the code
    // running now has issued what it can (after the promise jobs queued now: `await` inside a helper
    // must not send its statement alone while its caller is about to issue more).
    return {
      then: (ok, ko) => (this.scheduleFlush(), answer.then(ok, ko)),
      catch: (ko) => (this.scheduleFlush(), answer.catch(ko)),
      finally: (fn) => (this.scheduleFlush(), answer.finally(fn)),
      [Symbol.toStringTag]: 'Promise',
    } as Promise<Result<R>>;
  }

  /**
   * A statement whose answer only matters if it fails (a check that raises): issued now, sent with the
   * next batch, never waited for. If it is the transaction's first failure, `translate(error)` is what
   * {@link commit} throws. Nothing here flushes, so checks, writes and COMMIT can share one round trip.
   */
  expect(text: Query, translate: (e: unknown) => unknown = (e) => e): void {
    this.issue(text, undefined, translate);
  }

  /**
   * A view for writers whose results nobody reads (inline projections): their INSERT/UPDATE/DELETE
   * statements answer at once and ride with the next statement someone waits for; other statements
   * are waited for as usual.
   */
  deferringWrites(): SqlExecutor {
    return {
      query: <R extends QueryResultRow = QueryResultRow>(text: Query, values?: unknown[]) => {
        const sql = typeof text === 'string' ? text : text.text;
        const pending = this.query<R>(text, values);
        return isWriteOnly(sql) ? Promise.resolve(NO_ROWS as Result<R>) : pending;
      },
    };
  }

  /**
   * Waits until every statement issued so far is answered (sending them if they are still in the
   * socket); throws the transaction's first failure, if there is one.
   */
  async settle(): Promise<void> {
    const last = this.last;
    if (last === null) return;
    this.scheduleFlush();
    await last.then(
      () => undefined,
      () => undefined,
    );
    if (this.failure !== null) throw this.failure;
  }

  /**
   * True once COMMIT failed without Postgres answering it (the connection broke): the transaction may
   * have committed or not, and only reading the database tells. Any other failure rolled it back.
   */
  get outcomeUnknown(): boolean {
    return this.commitUnanswered;
  }

  /** BEGIN, as a prepared statement: once prepared on the connection, it rides in the first batch. */
  begin(): void {
    void this.query({ name: 'ember_begin', text: 'BEGIN' });
  }

  /** COMMIT; throws the first failure of a statement nobody waited for (the transaction then rolled back). */
  async commit(): Promise<void> {
    let own: unknown = null;
    try {
      // `translate` sees COMMIT's own failure (not one skipped after an earlier failure: that rolled back).
      await this.query({ name: 'ember_commit', text: 'COMMIT' }, undefined, (e) => (own = e));
    } catch (e) {
      // An error Postgres sent (it has a SQLSTATE) means it rolled back; anything else (ECONNRESET, a
      // connection ended) left no answer.
      if (own !== null && !SQLSTATE.test(String((own as { code?: unknown }).code))) this.commitUnanswered = true;
      throw e;
    }
    if (this.failure !== null) throw this.failure;
  }

  /** ROLLBACK, after whatever is still waiting in the socket (never throws). */
  async rollback(): Promise<void> {
    await this.query('ROLLBACK').then(
      () => undefined,
      () => undefined,
    );
  }

  /** Puts the statement into the (corked) socket; the answer records the transaction's first failure. */
  private issue<R extends QueryResultRow>(text: Query, values?: unknown[], translate?: (e: unknown) => unknown): Promise<Result<R>> {
    if (this.socket && !this.corked) {
      this.socket.cork();
      this.corked = true;
    }
    const send = () => (typeof text === 'string' ? this.client.query<R>(text, values) : this.client.query<R>(text)) as Promise<Result<R>>;
    let sent: Promise<Result<R>>;
    if (!this.socket) {
      // Without pipelining, the next statement goes to pg once the last one has answered.
      sent = (this.last ?? Promise.resolve()).then(send, send);
    } else if (typeof text !== 'string' && text.name !== undefined && this.parsed[text.name] === text.text) {
      // Prepared on this connection already: into the batch that the next flush sends with one Sync.
      const name = text.name;
      sent = new Promise((resolve, reject) => {
        this.batch.push({ name, values: text.values ?? [], resolve: resolve as (answer: unknown) => void, reject });
      });
    } else {
      this.submitBatch(); // what was issued before goes first
      sent = send();
    }
    const before = this.last;
    const answer = sent.catch(async (e: unknown) => {
      const aborted = (e as { code?: string }).code === IN_FAILED_TRANSACTION;
      // An "aborted" answer can settle before the failure that caused it has been recorded: a statement
      // prepared for the first time answers through pg's own query, the batch after it through ours.
      // The statements before this one answer first, and one of them failed: wait for it.
      if (aborted && this.failure === null && before) await before.catch(() => undefined);
      const own = aborted || !translate ? e : translate(e);
      this.failure ??= own;
      throw aborted ? this.failure : own;
    });
    answer.catch(() => undefined); // kept in `failure` if nobody waits for this one
    this.last = answer;
    return answer;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || !this.corked) return;
    this.flushScheduled = true;
    process.nextTick(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (!this.corked) return;
    this.submitBatch();
    this.corked = false;
    this.socket!.uncork();
  }

  /** Hands the statements batched so far to pg, as one query (they go with the next uncork). */
  private submitBatch(): void {
    if (this.batch.length === 0) return;
    const batch = new StatementBatch(this.batch);
    this.batch = [];
    void this.client.query(batch as never);
  }
}

/**
 * A check that raises when it fails, its answer otherwise unread: in a pipelined transaction it rides
 * with the next batch and its (translated) failure is thrown at COMMIT ({@link PipelinedTransaction.expect});
 * on any other executor it is waited for here.
 */
export async function expectOk(db: SqlExecutor, text: Query, translate: (e: unknown) => unknown = (e) => e): Promise<void> {
  if (db instanceof PipelinedTransaction) return db.expect(text, translate);
  try {
    await db.query(text);
  } catch (e) {
    throw translate(e);
  }
}
