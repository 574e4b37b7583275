import pg from 'pg';

export interface LeaderLeaseOptions {
  databaseUrl: string;
  /** Advisory lock key (hashed with hashtext): one holder per database. */
  name: string;
  /** Called once this process holds the lease; may start work. */
  onAcquired: () => Promise<void> | void;
  /** Called when the lease is lost (connection gone) or given up (stop); must stop that work. */
  onReleased: () => Promise<void>;
  onError?: (error: unknown) => void;
  /** Pause before trying again after a connection error. */
  retryMs?: number;
  /** application_name of the lease's connection (default `ember-lease:<name>`): who holds the lock, in pg_locks. */
  applicationName?: string;
}

/**
 * Leadership by a session-level Postgres advisory lock on a dedicated connection: the process whose
 * connection holds `pg_advisory_lock(hashtext(name))` leads; the others wait inside that call (no
 * polling), and Postgres hands the lock to one of them the moment the leader's session ends (crash,
 * SIGKILL, stop). If the leader's own connection breaks, it stops leading before trying again.
 *
 * The lease only keeps standbys idle. It is not what makes work single-run: the work itself stays
 * safe under overlap (the dispatcher's checkpoint row is taken FOR UPDATE SKIP LOCKED per batch).
 */
export class LeaderLease {
  private client: pg.Client | null = null;
  private stopping = false;
  private stopRequested: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  leading = false;

  constructor(private readonly options: LeaderLeaseOptions) {}

  start(): void {
    this.stopping = false;
    this.loop ??= this.run();
  }

  /** Stops leading (the work is stopped before the lock is released) or stops waiting to. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.leading) this.stopRequested?.();
    // Not leading: ending the session abandons the pending pg_advisory_lock.
    else await this.client?.end().catch(() => undefined);
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: this.options.applicationName ?? `ember-lease:${this.options.name}` });
      const lost = new Promise<void>((resolve) => {
        client.on('error', () => resolve());
        client.on('end', () => resolve());
      });
      this.client = client;
      try {
        await client.connect();
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [this.options.name]);
        if (this.stopping) break;
        this.leading = true;
        const stopped = new Promise<void>((resolve) => (this.stopRequested = resolve));
        await this.options.onAcquired();
        if (!this.stopping) await Promise.race([lost, stopped]);
      } catch (e) {
        if (!this.stopping) this.options.onError?.(e);
      } finally {
        this.stopRequested = null;
        if (this.leading) {
          // The work stops first; only then does the session (and with it the lock) end.
          await this.options.onReleased().catch((e) => this.options.onError?.(e));
          this.leading = false;
        }
        await client.end().catch(() => undefined);
        this.client = null;
      }
      if (!this.stopping) await new Promise((r) => setTimeout(r, this.options.retryMs ?? 1000));
    }
  }
}
