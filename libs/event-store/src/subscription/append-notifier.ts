import type { Pool } from 'pg';

/** The channel readers LISTEN on (see {@link EventListener}). */
export const EVENTS_CHANNEL = 'ember_events';

/**
 * Wakes the event log's readers after a commit that appended events, without serialising the commits.
 *
 * A NOTIFY issued inside an appending transaction makes Postgres take a database-wide lock at commit
 * and hold it through the WAL flush, so every appender would commit one after another (measured: 40%
 * fewer create transactions per second). Instead the writer calls {@link appended} once its COMMIT
 * returned; one `pg_notify` runs at a time on its own autocommit statement (no WAL, no flush), and
 * commits that land while one is in flight are covered by a single follow-up. Every commit is thus
 * followed by a notification sent after it, which is what a reader that re-reads the log on wake-up
 * needs. A lost notification (crash, connection error) costs a reader's poll interval, nothing more.
 */
export class AppendNotifier {
  private inFlight = false;
  private pending = false;

  constructor(private readonly pool: Pool) {}

  appended(): void {
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    this.inFlight = true;
    this.pool
      .query({ name: 'ember_notify_events', text: `SELECT pg_notify('${EVENTS_CHANNEL}', '')` })
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = false;
        if (this.pending) {
          this.pending = false;
          this.appended();
        }
      });
  }
}
