import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinderClient } from '../support/cinder-client.js';
import { eventually, startStack, type RunningStack } from '../support/stack.js';

const PROJECT = '5ca1e0a7b2c94d1e8f3a6b7c8d9e0f12';
const WAVE = 150;
/** Every DELETE_EVERY-th snapshot is deleted once available. */
const DELETE_EVERY = 6;

/**
 * Two API processes (EMBER_API_PROCESSES=2, one port) and two worker processes on one database and
 * one queue: a few hundred concurrent creates and some deletes over both APIs, one worker SIGKILLed
 * mid-run. Then, from the event log and BullMQ: every snapshot has exactly one outcome, the
 * dispatcher's checkpoint is past every event, every requesting event has exactly one job, and both
 * APIs and both workers did part of the work.
 */
describe('scale-out: 2 API processes + 2 workers', () => {
  let stack: RunningStack;
  let api: ReturnType<typeof cinderClient>;
  let db: pg.Client;
  let queue: Queue;
  const p = `/v3/${PROJECT}`;
  const instanceOf = (pid: number | undefined) => `${hostname()}:${pid}`;

  beforeAll(async () => {
    stack = await startStack({}, { apis: 2, workers: 2 });
    api = cinderClient(stack.baseUrl, `scale-user:${PROJECT}`);
    db = new pg.Client({ connectionString: stack.env.DATABASE_URL });
    await db.connect();
    queue = new Queue('storage', { connection: { url: stack.env.REDIS_URL, maxRetriesPerRequest: null }, prefix: stack.env.EMBER_QUEUE_PREFIX });
  });
  afterAll(async () => {
    await queue?.close();
    await db?.end();
    await stack?.stop();
  });

  const count = async (sql: string, values: unknown[] = []) => (await db.query<{ n: number }>(sql, values)).rows[0]!.n;
  /** Outcome events appended by each worker process so far (metadata.instance), snapshots only. */
  const outcomesBy = async () => {
    const { rows } = await db.query<{ instance: string; n: number }>(
      `SELECT metadata->>'instance' AS instance, count(*)::int AS n FROM events
        WHERE type IN ('snapshot.available.v1', 'snapshot.failed.v1') GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.instance, r.n]));
  };

  /** The application_name of the connection holding the dispatcher's lease (`ember-dispatcher host:pid`). */
  const dispatcherLeader = async () => {
    const { rows } = await db.query<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a USING (pid)
        WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database() AND a.application_name LIKE 'ember-dispatcher %'`,
    );
    return rows[0]?.name;
  };

  it('runs every thread of the workers at niceness 10 (batch work yields the CPU) and the API processes at the normal 0', async () => {
    // /proc/<pid>/task/<tid>/stat after the parenthesised name: the nice value (19th field) is index 16,
    // the scheduling policy (41st, 0 = SCHED_OTHER) index 38.
    const threadsOf = (pid: number) =>
      new Set(
        readdirSync(`/proc/${pid}/task`).map((tid) => {
          const f = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
          return `policy ${f[38]} nice ${f[16]}`;
        }),
      );
    // The stack is up once the API answers; a worker lowers its priority as it starts (the expectations
    // below say what is wrong if it never does).
    const lowered = (pid: number) => [...threadsOf(pid)].join() === 'policy 0 nice 10';
    await eventually(async () => stack.workers.every((w) => lowered(w.pid!))).catch(() => undefined);
    for (const w of stack.workers) expect([...threadsOf(w.pid!)], `worker ${w.pid}`).toEqual(['policy 0 nice 10']);
    for (const pid of stack.apiPids()) expect([...threadsOf(pid)], `API ${pid}`).toEqual(['policy 0 nice 0']);
  });

  it('serves a few hundred concurrent creates and deletes, survives a SIGKILLed worker, runs every job once and skips no event', async () => {
    expect(stack.apiPids()).toHaveLength(2);
    // The worker to kill is the one leading the dispatcher: its death must hand over dispatching too.
    const leader = await eventually(dispatcherLeader);
    const doomed = stack.workers.find((w) => leader === `ember-dispatcher ${instanceOf(w.pid)}`)!;
    const survivor = stack.workers.find((w) => w !== doomed)!;
    expect(doomed, `dispatcher leader ${leader}`).toBeDefined();
    expect((await api('PUT', `${p}/os-quota-sets/${PROJECT}`, { quota_set: { snapshots: -1, gigabytes: -1, volumes: -1 } })).status).toBe(200);
    const v = await api('POST', `${p}/volumes`, { volume: { size: 1, name: 'scale-out' } });
    const volumeId = v.body.volume.id as string;
    await eventually(async () => (await api('GET', `${p}/volumes/${volumeId}`)).body.volume.status === 'available');
    // A few MiB of data, so that each copy takes a moment (hash + fsync) and the kill lands mid-run.
    const fh = await open(join(stack.dataDir, 'volumes', `${volumeId}.img`), 'r+');
    await fh.write(randomBytes(4 * 2 ** 20), 0, 4 * 2 ** 20, 0);
    await fh.close();

    const create = (i: number) => api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId, name: `s${i}`, force: true } });
    const deletes: Promise<number>[] = [];
    const toDelete = new Set<string>();
    const deleteWhenAvailable = (id: string) => {
      toDelete.add(id);
      deletes.push(
        eventually(async () => (await api('GET', `${p}/snapshots/${id}`)).body.snapshot?.status === 'available', 240_000, 200).then(
          async () => (await api('DELETE', `${p}/snapshots/${id}`)).status,
        ),
      );
    };

    // Wave 1, all at once (a connection each, accepted by either API process).
    const wave1 = await Promise.all(Array.from({ length: WAVE }, (_, i) => create(i)));
    // Both workers have finished copies and one of them is in the middle of more: it dies, no cleanup.
    const activeOnDoomed = await eventually(async () => {
      const by = await outcomesBy();
      if (!by.get(instanceOf(doomed.pid)) || !by.get(instanceOf(survivor.pid))) return false;
      const active = (await queue.getJobs(['active'])).filter((j) => j.processedBy === instanceOf(doomed.pid));
      return active.length > 0 && active.length;
    }, 60_000, 5);
    doomed.kill('SIGKILL');
    await new Promise((r) => doomed.once('exit', r));
    const killedAt = await count(`SELECT coalesce(max(position), 0)::int AS n FROM events`);
    // The survivor, waiting on the lease, leads the dispatcher as soon as the dead one's session is gone.
    await eventually(async () => (await dispatcherLeader()) === `ember-dispatcher ${instanceOf(survivor.pid)}`, 10_000, 20);

    // Wave 2 (and the deletes) only the survivor can do.
    const wave2 = await Promise.all(Array.from({ length: WAVE }, (_, i) => create(WAVE + i)));
    const replies = [...wave1, ...wave2];
    expect(replies.map((r) => r.status).filter((s) => s !== 202)).toEqual([]);
    const ids = replies.map((r) => r.body.snapshot.id as string);
    ids.forEach((id, i) => i % DELETE_EVERY === 0 && deleteWhenAvailable(id));
    expect((await Promise.all(deletes)).filter((s) => s !== 202)).toEqual([]);

    // Settled: every kept snapshot available, every deleted one gone (the stalled jobs of the dead
    // worker come back to the survivor once their BullMQ locks expire: up to about a minute).
    await eventually(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM snapshots WHERE status = 'available' AND id = ANY($1::uuid[])`, [ids])) ===
          ids.length - toDelete.size &&
        (await count(`SELECT count(*)::int AS n FROM snapshots WHERE id = ANY($1::uuid[])`, [[...toDelete]])) === 0,
      150_000,
      250,
    );

    // Exactly one outcome per snapshot: no job ran twice to completion (and none was lost).
    const { rows: perStream } = await db.query<{ stream_id: string; requested: number; available: number; failed: number; deletion_requested: number; deleted: number }>(
      `SELECT stream_id,
              count(*) FILTER (WHERE type = 'snapshot.requested.v1')::int AS requested,
              count(*) FILTER (WHERE type = 'snapshot.available.v1')::int AS available,
              count(*) FILTER (WHERE type = 'snapshot.failed.v1')::int AS failed,
              count(*) FILTER (WHERE type = 'snapshot.deletion_requested.v1')::int AS deletion_requested,
              count(*) FILTER (WHERE type = 'snapshot.deleted.v1')::int AS deleted
         FROM events WHERE stream_id = ANY($1::text[]) GROUP BY stream_id`,
      [ids.map((id) => `snapshot-${id}`)],
    );
    expect(perStream).toHaveLength(ids.length);
    const wrong = perStream.filter((s) => {
      const deleted = toDelete.has(s.stream_id.slice('snapshot-'.length));
      return s.requested !== 1 || s.available !== 1 || s.failed !== 0 || s.deletion_requested !== (deleted ? 1 : 0) || s.deleted !== (deleted ? 1 : 0);
    });
    expect(wrong).toEqual([]);

    // The dispatcher's checkpoint is past every event (it reads in (tx_id, position) order).
    await eventually(
      async () =>
        (await count(
          `SELECT count(*)::int AS n FROM events e, subscription_checkpoints c
            WHERE c.name = 'dispatcher' AND (e.tx_id, e.position) > (c.tx_id, c.position)`,
        )) === 0,
      20_000,
      100,
    );

    // One BullMQ job per requesting event, with the event's id, completed (none failed, none left). A job
    // the dead worker was running when it died stays active until its lock expires, even when its outcome
    // was already appended (killed between the append and BullMQ's completion): the survivor then takes
    // it, finds the snapshot no longer creating, and completes it.
    await eventually(
      async () => isDeepStrictEqual(await queue.getJobCounts('failed', 'active', 'waiting', 'delayed'), { failed: 0, active: 0, waiting: 0, delayed: 0 }),
      150_000,
      250,
    );
    const { rows: requesting } = await db.query<{ event_id: string }>(
      `SELECT event_id::text FROM events WHERE type IN ('volume.requested.v1', 'snapshot.requested.v1', 'snapshot.deletion_requested.v1')`,
    );
    const jobs = await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized'], 0, -1);
    const jobIds = jobs.map((j) => j.id!);
    expect(new Set(jobIds).size).toBe(jobIds.length);
    expect(jobIds.sort()).toEqual(requesting.map((r) => r.event_id).sort());
    expect(await queue.getJobCounts('failed', 'active', 'waiting', 'delayed')).toEqual({ failed: 0, active: 0, waiting: 0, delayed: 0 });

    // Both API processes took requests, both workers ran jobs, and the survivor finished what was left.
    const { rows: apiInstances } = await db.query<{ instance: string }>(
      `SELECT DISTINCT metadata->>'instance' AS instance FROM events WHERE type = 'snapshot.requested.v1' AND stream_id = ANY($1::text[])`,
      [ids.map((id) => `snapshot-${id}`)],
    );
    expect(apiInstances.map((r) => r.instance).sort()).toEqual(stack.apiPids().map(instanceOf).sort());
    const by = await outcomesBy();
    expect([...by.keys()].sort()).toEqual([instanceOf(doomed.pid), instanceOf(survivor.pid)].sort());
    const processedBy = new Set(jobs.map((j) => j.processedBy));
    expect(processedBy).toEqual(new Set([instanceOf(doomed.pid), instanceOf(survivor.pid)]));
    const bySurvivorAfterKill = await count(
      `SELECT count(*)::int AS n FROM events WHERE position > $1 AND type IN ('snapshot.available.v1', 'snapshot.deleted.v1') AND metadata->>'instance' = $2`,
      [killedAt, instanceOf(survivor.pid)],
    );
    expect(bySurvivorAfterKill).toBeGreaterThanOrEqual(WAVE + toDelete.size);
    console.info(
      `scale-out: ${ids.length} snapshots (${toDelete.size} deleted); worker ${doomed.pid} killed with ${activeOnDoomed} job(s) active; ` +
        `outcomes by worker ${JSON.stringify(Object.fromEntries(by))}`,
    );
  }, 300_000);
});
