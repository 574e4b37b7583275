import pg from 'pg';
import { EVENTS_CHANNEL } from './append-notifier.js';

/**
 * One dedicated connection LISTENing on `ember_events`; wakes every registered reader when a
 * transaction that appended events has committed (the writer notifies: see AppendNotifier).
 * Reconnects after errors; readers also poll as a fallback.
 */
export class EventListener {
  private client: pg.Client | null = null;
  private readonly wakers = new Set<() => void>();
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(private readonly url: string) {}

  async start(): Promise<void> {
    this.closed = false;
    await this.connect();
  }

  onWake(fn: () => void): () => void {
    this.wakers.add(fn);
    return () => this.wakers.delete(fn);
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'ember-listener' });
    client.on('notification', () => this.wakers.forEach((wake) => wake()));
    client.on('error', () => this.scheduleReconnect(client));
    client.on('end', () => this.scheduleReconnect(client));
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.client = client;
    // Anything committed while we were away is found by the readers' catch-up read.
    this.wakers.forEach((wake) => wake());
  }

  private scheduleReconnect(client: pg.Client): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch(() => this.scheduleReconnect(client));
    }, 1000);
  }
}
