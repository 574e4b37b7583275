// Scale-out (issue 6, part 3): the create-snapshot autocannon load of api-load.mjs against 1 API + 1
// worker, then against 2 API processes (EMBER_API_PROCESSES=2, one port) + 2 workers, each on a fresh
// database and queue; after each run, the duplicate/skipped checks over the event log and BullMQ.
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { CinderClient, fillVolume } from '../lib/cinder.mjs';
import { onCleanup } from '../lib/cleanup.mjs';
import { createEmberDatabase, query } from '../lib/db.mjs';
import { startStack } from '../lib/stack.mjs';
import { log, rssMiB, sleep } from '../lib/util.mjs';
import { measuredLoad } from '../lib/measured-load.mjs';
import { createSnapshotLoad } from './api-load.mjs';

const REQUESTING = ['volume.requested.v1', 'snapshot.requested.v1', 'snapshot.deletion_requested.v1'];

/**
 * @param {object} o
 * @param {string} o.dbPrefix      databases are `${dbPrefix}_so<apis>x<workers>` (dropped at cleanup)
 * @param {string} o.queuePrefix   queue prefixes are `${queuePrefix}-so<apis>x<workers>` (obliterated)
 * @param {[number, number, number?][]} [o.configs]  [apis, workers, pool size?], measured in this order
 * @param {number} [o.reps]  rounds; odd rounds run the configs in reverse order (A B, B A, ...), and
 *                           the summary takes each config's median, so drift in the machine's load
 *                           (other users) weighs on both sides alike
 */
export async function scaleOut({ dbPrefix, queuePrefix, connections = 32, seconds = 10, warmupSeconds = 2, drainSeconds = 60, configs = [[1, 1], [2, 2]], reps = 1 }) {
  const runs = [];
  for (let rep = 0; rep < reps; rep++) {
    for (const [apis, workers, poolSize] of rep % 2 === 0 ? configs : [...configs].reverse()) {
      runs.push({ rep, ...(await measure({ apis, workers, poolSize, rep, dbPrefix, queuePrefix, connections, seconds, warmupSeconds, drainSeconds })) });
    }
  }
  const same = ([apis, workers, poolSize]) => (r) => r.apis === apis && r.workers === workers && r.poolSize === poolSize;
  return { configs: runs, summary: configs.map((c) => summarize(runs.filter(same(c)))) };
}

/** One config over its rounds: medians of the rates, sums of the failures. */
function summarize(runs) {
  const med = (f) => median(runs.map(f).filter((x) => x !== null && x !== undefined));
  const total = (f) => runs.reduce((n, r) => n + f(r), 0);
  return {
    apis: runs[0].apis,
    workers: runs[0].workers,
    poolSize: runs[0].poolSize,
    reps: runs.length,
    reqPerSec: med((r) => r.reqPerSec),
    reqPerSecAll: runs.map((r) => Math.round(r.reqPerSec)),
    p99Ms: med((r) => r.latencyMs.p99),
    /** CPU the API processes (and their supervisor) spent per request: what more API processes cost. */
    apiCpuMsPerRequest: med((r) => (r.cpuCores.api * 1000) / r.reqPerSec),
    machineCores: med((r) => r.cpuCores.machine),
    endToEndSnapshotsPerSec: med((r) => r.endToEnd.snapshotsPerSec),
    drainSnapshotsPerSec: med((r) => r.drain.snapshotsPerSec),
    non202: total((r) => r.non202),
    duplicates: total((r) => r.checks.summary.duplicates),
    skipped: total((r) => r.checks.summary.skipped),
    duplicateJobIds: total((r) => r.checks.summary.duplicateJobIds),
    creatingLeft: total((r) => r.drain.creatingLeft),
    apiProcessesServing: Math.min(...runs.map((r) => r.checks.summary.apiProcessesServing)),
    workersWithOutcomes: Math.min(...runs.map((r) => r.checks.summary.workersWithOutcomes)),
  };
}

function median(xs) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function measure({ apis, workers, poolSize, rep, dbPrefix, queuePrefix, connections, seconds, warmupSeconds, drainSeconds }) {
  const tag = `so${apis}x${workers}${poolSize ? `p${poolSize}` : ''}r${rep}`;
  const title = `scaleout ${apis}+${workers}${poolSize ? ` pool ${poolSize}` : ''}${rep ? ` (round ${rep + 1})` : ''}`;
  const databaseUrl = await createEmberDatabase(`${dbPrefix}_${tag}`);
  const prefix = `${queuePrefix}-${tag}`;
  const queue = new Queue('storage', { connection: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', maxRetriesPerRequest: null }, prefix });
  const dropQueue = onCleanup(`obliterate queue ${prefix}`, async () => {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  });
  const stack = await startWithRetry(() => startStack({ databaseUrl, queuePrefix: prefix, apis, workers, env: poolSize ? { EMBER_DB_POOL_SIZE: String(poolSize) } : {} }), title);
  try {
    const client = new CinderClient(stack.baseUrl);
    await client.liftQuotas();
    const volumeId = await client.createVolume(1, `bench-${tag}`);
    await fillVolume(stack.dataDir, volumeId, 1024 * 1024, 0);
    const opts = createSnapshotLoad({ client, volumeId, connections });
    if (warmupSeconds > 0) {
      log(`${title}: warm-up ${warmupSeconds} s at 4 connections`);
      await autocannon({ ...opts, connections: 4, duration: warmupSeconds });
    }
    const apiPids = stack.apiPids();
    const apiSide = apis > 1 ? [stack.apiPid, ...apiPids] : apiPids; // the supervisor counts too
    const rss = new Map(apiSide.map((pid) => [pid, []]));
    const sample = () => {
      for (const pid of apiSide) {
        const v = rssMiB(pid);
        if (v !== null) rss.get(pid).push(v);
      }
    };
    const xacts = async () =>
      (await query(databaseUrl, `SELECT (xact_commit + xact_rollback)::bigint AS n FROM pg_stat_database WHERE datname = current_database()`)).rows[0].n;
    const x0 = await xacts();
    const started = Date.now();
    const { wall, cpu, load } = await measuredLoad(opts, { title, seconds, apiPids: apiSide, workerPids: stack.workerPids, sample, everyMs: 250 });
    await sleep(1000); // Postgres publishes its counters within a second
    const dbTransactions = Number(await xacts()) - Number(x0);
    const { requests: total, non202 } = load;
    const creatingAtEnd = await creating(databaseUrl);
    log(`${title}: ${load.reqPerSec.toFixed(0)} req/s, p99 ${load.latencyMs.p99} ms, non-202 ${non202}; ${creatingAtEnd} snapshots still creating`);

    // The workers catch up; then every check runs on the settled state.
    const t0 = Date.now();
    let left = creatingAtEnd;
    while (left > 0 && Date.now() - t0 < drainSeconds * 1000) {
      await sleep(250);
      left = await creating(databaseUrl);
    }
    const drainS = (Date.now() - t0) / 1000;
    // End to end: the snapshots the load asked for, over the time from its start until the last is
    // available (or until the drain gave up: then the ones left are not counted).
    const madeAvailable = (
      await query(
        databaseUrl,
        `SELECT count(*)::int AS n FROM events r WHERE r.type = 'snapshot.requested.v1' AND r.recorded_at >= $1
            AND EXISTS (SELECT 1 FROM events a WHERE a.stream_id = r.stream_id AND a.type = 'snapshot.available.v1')`,
        [new Date(started)],
      )
    ).rows[0].n;
    const checks = await settledChecks(databaseUrl, queue);
    log(`${title}: drained ${creatingAtEnd - left} in ${drainS.toFixed(1)} s (${left} left); ${JSON.stringify(checks.summary)}`);
    return {
      apis,
      workers,
      poolSize,
      apiPids,
      workerPids: stack.workerPids,
      connections,
      ...load,
      cpuCores: cpu,
      rssMiB: Object.fromEntries([...rss].map(([pid, xs]) => [pid, { max: xs.length ? Math.max(...xs) : null, samples: xs.length, supervisor: apis > 1 && pid === stack.apiPid }])),
      dbTransactionsPerRequest: total ? dbTransactions / total : null,
      creatingAtEnd,
      drain: { seconds: drainS, creatingLeft: left, snapshotsPerSec: drainS > 0 ? (creatingAtEnd - left) / drainS : null },
      endToEnd: { snapshots: madeAvailable, seconds: wall + drainS, snapshotsPerSec: madeAvailable / (wall + drainS) },
      checks,
    };
  } finally {
    await stack.stop();
    await dropQueue();
  }
}

/** The Postgres server is shared: a start that met its connection limit is tried again, twice. */
async function startWithRetry(start, title) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (e) {
      if (attempt >= 3 || !/too many clients|remaining connection slots/.test(String(e?.message))) throw e;
      log(`${title}: the stack met Postgres's connection limit (other users); trying again in 10 s`);
      await sleep(10_000);
    }
  }
}

const creating = async (url) => (await query(url, `SELECT count(*)::int AS n FROM snapshots WHERE status = 'creating'`)).rows[0].n;

/**
 * The scale-out invariants, on a settled stack:
 * - duplicates: snapshots with more than one outcome event (a job that ran twice to completion);
 * - skipped: events the dispatcher's checkpoint has not passed 15 s after the drain, and requesting
 *   events without a BullMQ job of their id (the dispatcher is what enqueues);
 * - job ids: one job per requesting event, none twice;
 * - who did the work: requests per API process, outcomes per worker process (metadata.instance).
 */
async function settledChecks(url, queue) {
  const one = async (sql, values) => (await query(url, sql, values)).rows[0];
  let behind = 0;
  for (let i = 0; i < 60; i++) {
    ({ behind } = await one(
      `SELECT count(*)::int AS behind FROM events e, subscription_checkpoints c WHERE c.name = 'dispatcher' AND (e.tx_id, e.position) > (c.tx_id, c.position)`,
    ));
    if (behind === 0) break;
    await sleep(250);
  }
  const { duplicates, noOutcome } = await one(
    `SELECT count(*) FILTER (WHERE outcomes > 1)::int AS duplicates, count(*) FILTER (WHERE outcomes = 0)::int AS "noOutcome" FROM (
       SELECT stream_id, count(*) FILTER (WHERE type IN ('snapshot.available.v1', 'snapshot.failed.v1')) AS outcomes
         FROM events WHERE stream_id LIKE 'snapshot-%' GROUP BY stream_id HAVING bool_or(type = 'snapshot.requested.v1')) s`,
  );
  const requesting = (await query(url, `SELECT event_id::text AS id FROM events WHERE type = ANY($1::text[])`, [REQUESTING])).rows.map((r) => r.id);
  const jobs = await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized'], 0, -1);
  const jobIds = jobs.map((j) => j.id);
  const jobSet = new Set(jobIds);
  const withoutJob = requesting.filter((id) => !jobSet.has(id)).length;
  const perApi = Object.fromEntries(
    (await query(url, `SELECT metadata->>'instance' AS i, count(*)::int AS n FROM events WHERE type = 'snapshot.requested.v1' GROUP BY 1 ORDER BY 1`)).rows.map((r) => [r.i, r.n]),
  );
  const perWorker = Object.fromEntries(
    (await query(url, `SELECT metadata->>'instance' AS i, count(*)::int AS n FROM events WHERE type IN ('snapshot.available.v1', 'snapshot.failed.v1') GROUP BY 1 ORDER BY 1`)).rows.map((r) => [r.i, r.n]),
  );
  const jobsPerWorker = {};
  for (const j of jobs) jobsPerWorker[j.processedBy ?? 'none'] = (jobsPerWorker[j.processedBy ?? 'none'] ?? 0) + 1;
  const summary = {
    duplicates,
    skipped: behind + withoutJob,
    duplicateJobIds: jobIds.length - jobSet.size,
    jobs: jobIds.length,
    requestingEvents: requesting.length,
    apiProcessesServing: Object.keys(perApi).length,
    workersWithOutcomes: Object.keys(perWorker).length,
  };
  return { summary, eventsBehindCheckpoint: behind, requestingWithoutJob: withoutJob, snapshotsWithoutOutcome: noOutcome, perApi, perWorker, jobsPerWorker };
}
