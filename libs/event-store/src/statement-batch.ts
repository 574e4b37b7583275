import pg from 'pg';

type Answer = { rows: Record<string, unknown>[]; rowCount: number | null };

/** A statement prepared on the connection already, with its parameters and who waits for its answer. */
export interface BatchedStatement {
  readonly name: string;
  readonly values: readonly unknown[];
  resolve(answer: Answer): void;
  reject(error: unknown): void;
}

/** What Postgres does with the statements after a failed one up to the next Sync: skips them. */
function skipped(): Error {
  return Object.assign(new Error('current transaction is aborted, commands ignored until end of transaction block (skipped after an earlier error in its batch)'), {
    code: '25P02',
  });
}

type Connection = {
  bind(config: { statement: string; values: readonly unknown[]; valueMapper: (v: unknown) => unknown }): void;
  describe(config: { type: 'P'; name: string }): void;
  execute(config: { portal: string }): void;
  sync(): void;
};
type Message = { fields: unknown[] };
type ResultOf = {
  rows: Record<string, unknown>[];
  rowCount: number | null;
  addFields(fields: unknown[]): void;
  parseRow(fields: unknown[]): Record<string, unknown>;
  addRow(row: Record<string, unknown>): void;
  addCommandComplete(msg: unknown): void;
};
// pg's own Query: a pipelined client takes no other kind of query object. Its handlers are not in its typings.
const QueryBase = pg.Query as unknown as new (config: { text: string }) => object;
const { Result, utils } = pg as unknown as {
  Result: new (rowMode: undefined, types: unknown) => ResultOf;
  utils: { prepareValue(v: unknown): unknown };
};

/**
 * Several prepared statements as one extended-protocol message sequence with a single Sync at its end
 * (Bind, Describe, Execute for each), submitted to a pipelined `pg` client as one query. `pg` sends a
 * Sync after every query of its own, and Postgres answers every Sync with ReadyForQuery and a flush of
 * its socket: one system call per statement each way. In a batch, Postgres runs the statements back to
 * back and answers them in one write.
 *
 * Each statement's answer goes to its own promise. When one fails, Postgres skips the rest up to the
 * Sync: they are rejected with SQLSTATE 25P02, as `pg` reports a statement sent after a failure in a
 * transaction. A connection failure rejects everything still unanswered with that error.
 *
 * Only statements already parsed on the connection go into a batch (see PipelinedTransaction): a Parse
 * that failed mid-batch would leave `pg` unsure which statement names exist on the server.
 */
export class StatementBatch extends QueryBase {
  private next = 0;
  private result: ResultOf | null = null;
  private rowError: unknown = null;

  constructor(private readonly statements: readonly BatchedStatement[]) {
    super({ text: '' });
  }

  /** Called by `pg` when the client sends this query: writes the whole batch (into the corked socket). */
  submit(connection: unknown): null {
    const c = connection as Connection;
    for (const s of this.statements) {
      c.bind({ statement: s.name, values: s.values, valueMapper: utils.prepareValue });
      c.describe({ type: 'P', name: '' });
      c.execute({ portal: '' });
    }
    c.sync();
    return null;
  }

  handleRowDescription(msg: Message): void {
    this.current().addFields(msg.fields);
  }

  handleDataRow(msg: Message): void {
    if (this.rowError !== null) return;
    try {
      const result = this.current();
      result.addRow(result.parseRow(msg.fields));
    } catch (e) {
      this.rowError = e; // a type parser threw: the statement's answer, once it completes
    }
  }

  handleCommandComplete(msg: unknown): void {
    const result = this.current();
    result.addCommandComplete(msg);
    this.answer(this.rowError === null ? null : this.rowError, result);
  }

  handleEmptyQuery(): void {
    this.answer(null, this.current());
  }

  /** A statement's ErrorResponse (the rest were skipped), or the connection's failure (nothing more will come). */
  handleError(error: unknown): void {
    const fromServer = error instanceof pg.DatabaseError;
    if (this.next < this.statements.length) this.statements[this.next++]!.reject(error);
    while (this.next < this.statements.length) this.statements[this.next++]!.reject(fromServer ? skipped() : error);
  }

  handleReadyForQuery(): void {
    // Every statement has been answered by now; anything else would be a protocol mismatch.
    while (this.next < this.statements.length) this.statements[this.next++]!.reject(new Error('statement batch ended without its answer'));
  }

  private current(): ResultOf {
    this.result ??= new Result(undefined, (this as unknown as { _result: { _types: unknown } })._result._types);
    return this.result;
  }

  private answer(error: unknown, result: ResultOf): void {
    const statement = this.statements[this.next++];
    this.result = null;
    this.rowError = null;
    if (!statement) return;
    if (error !== null) statement.reject(error);
    else statement.resolve(result);
  }
}
