import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LeaderLease } from './leader-lease.js';

async function until(probe: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('LeaderLease (session advisory lock)', () => {
  let admin: pg.Client;
  const url = () => inject('databaseUrl');

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url() });
    await admin.connect();
  });
  afterAll(async () => admin?.end());

  it('lets one process lead; a standby takes over when the leader stops or its session dies', async () => {
    const name = `test-lease-${randomUUID()}`;
    const log: string[] = [];
    const make = (who: string) =>
      new LeaderLease({
        databaseUrl: url(),
        name,
        retryMs: 50,
        onAcquired: () => void log.push(`${who} leads`),
        onReleased: async () => void log.push(`${who} released`),
      });
    const [a, b] = [make('a'), make('b')];
    a.start();
    await until(() => a.leading);
    b.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(b.leading).toBe(false); // waiting inside pg_advisory_lock

    await a.stop();
    await until(() => b.leading);
    expect(log).toEqual(['a leads', 'a released', 'b leads']);

    // The leader's session is killed under it (as when Postgres or the network drops it): it stops
    // leading, and once the lock is free again takes it back (nobody else wants it).
    a.start();
    await new Promise((r) => setTimeout(r, 100));
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()
                        AND query LIKE 'SELECT pg_advisory_lock%' AND state = 'idle'`, [`ember-lease:${name}`]);
    await until(() => log.includes('b released') && a.leading);
    await Promise.all([a.stop(), b.stop()]);
    // (b's session is already gone when it learns so: 'a leads' may be logged before 'b released'.)
    expect(log.slice(3).sort()).toEqual(['a leads', 'a released', 'b released']);
  });
});
