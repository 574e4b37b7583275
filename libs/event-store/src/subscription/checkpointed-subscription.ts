import type { SqlExecutor } from '../sql-executor.js';
import type { EventStore } from '../event-store.js';
import type { GlobalPosition, RecordedEvent } from '../event.types.js';
import type { EventListener } from './event-listener.js';

export interface SubscriptionOptions {
  /** Checkpoint name; one per reader (e.g. `dispatcher`, `projector:audit`). */
  name: string;
  /** Handles one batch inside the checkpoint's transaction: its writes commit with the checkpoint. */
  handle: (events: RecordedEvent[], tx: SqlExecutor) => Promise<void>;
  batchSize?: number;
  /** Fallback poll when no notification arrives. */
  pollMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * A reader of the global committed order that checkpoints `(txId, position)` in Postgres.
 * Each batch runs in one transaction that holds the checkpoint row (FOR UPDATE SKIP LOCKED): with
 * several replicas, one leads at a time and the others find the row busy and wait their turn, so
 * nothing runs twice concurrently and a crash rolls back both the batch's effects and its checkpoint.
 */
export class CheckpointedSubscription {
  private running = false;
  private wake: (() => void) | null = null;
  private pending = false;
  private loop: Promise<void> | null = null;
  private unlisten: (() => void) | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly options: SubscriptionOptions,
    private readonly listener?: EventListener,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unlisten = this.listener?.onWake(() => this.poke()) ?? null;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unlisten?.();
    this.poke();
    await this.loop;
  }

  /** Processes everything committed so far; resolves when caught up (used by tests and tools). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runBatch();
      if (n === null) continue;
      if (n === 0) return total;
      total += n;
    }
  }

  private poke(): void {
    this.pending = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? 1000;
    while (this.running) {
      this.pending = false;
      let processed: number | null = 0;
      try {
        processed = await this.runBatch();
      } catch (e) {
        this.options.onError?.(e);
        processed = 0;
        await sleep(pollMs);
      }
      // More may be waiting after a full batch; a replica that found the checkpoint held waits below
      // (pollMs / 4) instead of asking again at once.
      if ((processed ?? 0) > 0 || this.pending) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, processed === null ? pollMs / 4 : pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** One batch: the number of events handled, or null when another replica holds the checkpoint. */
  private async runBatch(): Promise<number | null> {
    const { name, handle, batchSize = 500 } = this.options;
    return this.store.transaction(async (tx) => {
      // Sent with the read below (one round trip): the row exists from the first batch on.
      void tx.query('INSERT INTO subscription_checkpoints (name) VALUES ($1) ON CONFLICT DO NOTHING', [name]);
      const cp = await tx.query<{ tx_id: string; position: string }>(
        'SELECT tx_id::text, position::text FROM subscription_checkpoints WHERE name = $1 FOR UPDATE SKIP LOCKED',
        [name],
      );
      if (cp.rowCount === 0) return null;
      const from: GlobalPosition = { txId: cp.rows[0]!.tx_id, position: BigInt(cp.rows[0]!.position) };
      const events = await this.store.readAll(from, batchSize, tx);
      if (events.length === 0) return 0;
      await handle(events, tx);
      const last = events[events.length - 1]!;
      // Travels with COMMIT (a failure still fails the commit).
      void tx.query(
        'UPDATE subscription_checkpoints SET tx_id = $2::xid8, position = $3, updated_at = now() WHERE name = $1',
        [name, last.txId, last.position.toString()],
      );
      return events.length;
    });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
