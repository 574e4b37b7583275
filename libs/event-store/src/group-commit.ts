import type { SqlExecutor } from './sql-executor.js';

/** How a transaction ended: its value, or its error and whether it may have committed all the same. */
export type TransactionOutcome<T> = { value: T } | { error: unknown; maybeCommitted: boolean };

/** Runs `work` in a transaction of its own and says how it ended (never throws). */
export type TransactionRunner = <T>(work: (tx: SqlExecutor) => Promise<T>) => Promise<TransactionOutcome<T>>;

export interface GroupCommitOptions {
  /** Most units of work in one transaction. */
  readonly maxUnits: number;
  /** Shared transactions in flight at once (each holds one pooled connection). */
  readonly maxInFlight: number;
}

interface Unit {
  work: (tx: SqlExecutor) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: units of work submitted while earlier ones are being committed wait, then run one after
 * another in one shared transaction (one BEGIN and one COMMIT for all of them, and, when none of them
 * waits for an answer, one write to Postgres and one round trip). A unit that arrives while fewer than
 * `maxInFlight` transactions are open starts at once (at the end of the event-loop turn, with whatever
 * else arrived in it), so a lone request waits for nobody.
 *
 * A unit must decide nothing from what the units before it in the group wrote except through SQL, and be
 * safe to run twice: when the shared transaction fails (a unit throws, a statement fails, COMMIT does),
 * Postgres has stored none of it, and every unit runs again alone, in a transaction of its own, whose
 * outcome (its value or its own error) is what its caller gets. Only when COMMIT went unanswered (the
 * connection broke: it may have committed) do all callers get that error, as a lone caller would.
 */
export class GroupCommit {
  private waiting: Unit[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly runAlone: TransactionRunner,
    private readonly options: GroupCommitOptions,
  ) {}

  /** Runs `work` in a transaction shared with concurrent units; answers its value once that transaction committed. */
  run<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.waiting.length === 0) return;
    this.scheduled = true;
    // After this turn's I/O callbacks: requests read from the sockets together start together.
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
        const units = this.waiting.splice(0, this.options.maxUnits);
        this.inFlight++;
        void this.commit(units).finally(() => {
          this.inFlight--;
          this.schedule();
        });
      }
    });
  }

  private async commit(units: Unit[]): Promise<void> {
    if (units.length === 1) return this.alone(units[0]!);
    const outcome = await this.runAlone(async (tx) => {
      const values: unknown[] = [];
      // One after another: each unit's statements follow the previous unit's (a quota admission counts
      // the usage the create before it wrote in this transaction).
      for (const unit of units) values.push(await unit.work(tx));
      return values;
    });
    if ('value' in outcome) {
      units.forEach((unit, i) => unit.resolve(outcome.value[i]));
    } else if (outcome.maybeCommitted) {
      for (const unit of units) unit.reject(outcome.error);
    } else {
      await Promise.all(units.map((unit) => this.alone(unit)));
    }
  }

  private async alone(unit: Unit): Promise<void> {
    const outcome = await this.runAlone(unit.work);
    if ('value' in outcome) unit.resolve(outcome.value);
    else unit.reject(outcome.error);
  }
}
