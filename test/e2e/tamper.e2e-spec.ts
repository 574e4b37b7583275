import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinderClient } from '../support/cinder-client.js';
import { eventually, startStack, type RunningStack } from '../support/stack.js';

const PROJECT = '5a1e8f0c2eba2c4af04d3f9e9d0d4b37';
const ember = fileURLToPath(new URL('../../bin/ember.js', import.meta.url));

/** `ember verify` passes on the log a real deployment wrote, and names the event an SQL edit changed. */
describe('ember verify', () => {
  let stack: RunningStack;
  let api: ReturnType<typeof cinderClient>;
  const p = `/v3/${PROJECT}`;

  beforeAll(async () => {
    stack = await startStack();
    api = cinderClient(stack.baseUrl, `tamper-user:${PROJECT}`);
  });
  afterAll(async () => stack?.stop());

  const verify = (...args: string[]) =>
    promisify(execFile)(process.execPath, [ember, 'verify', ...args], { env: stack.env }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('exits 0 on the intact log and 1 naming the event altered behind the API’s back', async () => {
    const v = await api('POST', `${p}/volumes`, { volume: { size: 1 } });
    const volumeId = v.body.volume.id;
    await eventually(async () => (await api('GET', `${p}/volumes/${volumeId}`)).body.volume.status === 'available');
    const s = await api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId, name: 'before' } });
    const snapshotId = s.body.snapshot.id;
    await eventually(async () => (await api('GET', `${p}/snapshots/${snapshotId}`)).body.snapshot.status === 'available');

    const clean = await verify('--seal', '--json');
    expect(clean.code).toBe(0);
    const report = JSON.parse(clean.stdout);
    expect(report).toMatchObject({ ok: true, problem: null });
    expect(report.events).toBeGreaterThanOrEqual(4);
    expect(report.seals).toBeGreaterThanOrEqual(1);
    const summary = await verify();
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/^ember verify: \d+ events in \d+ streams verified, \d+ seal\(s\)/);

    // An operator with superuser renames the snapshot in its history (bypassing the append-only trigger).
    const db = new pg.Client({ connectionString: stack.env.DATABASE_URL });
    await db.connect();
    let eventId: string;
    try {
      await db.query('BEGIN');
      await db.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
      const { rows } = await db.query(
        `UPDATE events SET data = jsonb_set(data, '{name}', '"after"') WHERE stream_id = $1 AND stream_version = 1 RETURNING event_id::text`,
        [`snapshot-${snapshotId}`],
      );
      eventId = rows[0].event_id;
      await db.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
      await db.query('COMMIT');
    } finally {
      await db.end();
    }

    const dirty = await verify('--json');
    expect(dirty.code).toBe(1);
    expect(JSON.parse(dirty.stdout)).toMatchObject({
      ok: false,
      problem: { kind: 'altered', eventId, streamId: `snapshot-${snapshotId}`, streamVersion: 1 },
    });
    const text = await verify();
    expect(text.code).toBe(1);
    expect(text.stdout.trim()).toBe(
      `ember verify: event ${eventId} (stream snapshot-${snapshotId}, version 1) was altered: its hash does not match its content`,
    );
  });
});
