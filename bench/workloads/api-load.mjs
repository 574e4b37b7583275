// POST /v3/{p}/snapshots under load with autocannon (in this process), sampling the API's RSS and the
// CPU of the API, the worker and the whole machine; then the copy backlog the load left to the worker.
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { query } from '../lib/db.mjs';
import { measuredLoad } from '../lib/measured-load.mjs';
import { HZ, log, processJiffies, rssMiB, sleep } from '../lib/util.mjs';

/** The autocannon options of the create-snapshot load (shared with the scale-out workload). */
export function createSnapshotLoad({ client, volumeId, connections = 32 }) {
  return {
    url: client.url('/snapshots'),
    method: 'POST',
    headers: { 'X-Auth-Token': client.token, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ snapshot: { volume_id: volumeId, force: true } }),
    connections,
    pipelining: 1,
    timeout: 30,
  };
}

export async function apiLoad({ stack, client, volumeId, connections = 32, seconds = 10, warmupSeconds = 2, title = 'create-snapshot' }) {
  const opts = createSnapshotLoad({ client, volumeId, connections });
  if (warmupSeconds > 0) {
    log(`${title}: warm-up ${warmupSeconds} s at 4 connections`);
    await autocannon({ ...opts, connections: 4, duration: warmupSeconds });
  }
  const rss = [];
  const sample = () => {
    const v = rssMiB(stack.apiPid);
    if (v !== null) rss.push(v);
  };
  const { cpu, load } = await measuredLoad(opts, {
    title,
    seconds,
    apiPids: [stack.apiPid],
    workerPids: stack.workerPid ? [stack.workerPid] : [],
    sample,
  });
  const rssBefore = rss[0];
  const api = stack.procs.api;
  if (api.exitCode !== null || api.signalCode !== null) throw new Error(`the API exited (${api.exitCode ?? api.signalCode}) during the load:\n${stack.logs().slice(-3000)}`);
  return {
    connections,
    ...load,
    rssMiB: { before: rssBefore, max: Math.max(...rss), end: rss[rss.length - 1], samples: rss.length },
    cpuCores: cpu,
  };
}

/** What the worker still has to do: BullMQ job counts and snapshots still 'creating'. */
export async function backlog(stack, databaseUrl) {
  const queue = new Queue('storage', { connection: { url: stack.env.REDIS_URL, maxRetriesPerRequest: null }, prefix: stack.env.EMBER_QUEUE_PREFIX });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    const { rows } = await query(databaseUrl, `SELECT status, count(*)::int AS n FROM snapshots GROUP BY status`);
    return { queue: counts, snapshots: Object.fromEntries(rows.map((r) => [r.status, r.n])) };
  } finally {
    await queue.close();
  }
}

/** Waits (up to maxSeconds) until no snapshot is 'creating'; answers the drain time and rate. */
export async function drain(stack, databaseUrl, maxSeconds = 180) {
  const count = async () => (await query(databaseUrl, `SELECT count(*)::int AS n FROM snapshots WHERE status = 'creating'`)).rows[0].n;
  const start = Date.now();
  const first = await count();
  let left = first;
  const w0 = processJiffies(stack.workerPid);
  while (left > 0 && Date.now() - start < maxSeconds * 1000) {
    await sleep(500);
    left = await count();
  }
  const seconds = (Date.now() - start) / 1000;
  const done = first - left;
  return { creatingAtStart: first, creatingLeft: left, seconds, snapshotsPerSec: seconds > 0 ? done / seconds : null, workerCores: (processJiffies(stack.workerPid) - w0) / HZ / Math.max(seconds, 0.001) };
}
