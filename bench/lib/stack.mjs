// Starts the compiled API and worker as real processes (as test/support/stack.ts does for the e2e tests):
// a private database, a private BullMQ key prefix, a private data dir, a free port.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.mjs';
import { log, ROOT, sleep } from './util.mjs';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * @param {object} o
 * @param {string} o.databaseUrl  migrated database
 * @param {string} o.queuePrefix
 * @param {string} [o.dataDir]    reuse a data dir (else a fresh one, removed at cleanup)
 * @param {string[]} [o.apiNodeArgs] extra node flags for the API (profiling preload)
 * @param {Record<string,string>} [o.env]
 * @param {number} [o.apis]       API processes behind the one port (EMBER_API_PROCESSES, node:cluster)
 * @param {number} [o.workers]    worker processes (procs.worker is the first, procs.workers all)
 */
export async function startStack({ databaseUrl, queuePrefix, dataDir, apiNodeArgs = [], workerNodeArgs = [], env: extra = {}, withApi = true, withWorker = true, apis = 1, workers = 1 }) {
  const port = await freePort();
  const ownDir = !dataDir;
  dataDir ??= await mkdtemp(join(tmpdir(), 'ember-bench-data-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    EMBER_QUEUE_PREFIX: queuePrefix,
    EMBER_DATA_DIR: dataDir,
    EMBER_API_PORT: String(port),
    EMBER_API_HOST: '127.0.0.1',
    EMBER_LOG_LEVEL: 'warn',
    EMBER_API_PROCESSES: String(apis),
    // The Ember settings the bench passes through, to measure the workers' CPU priority side by side.
    ...(process.env.EMBER_WORKER_SCHED ? { EMBER_WORKER_SCHED: process.env.EMBER_WORKER_SCHED } : {}),
    ...(process.env.EMBER_WORKER_NICE ? { EMBER_WORKER_NICE: process.env.EMBER_WORKER_NICE } : {}),
    ...(process.env.EMBER_WORKER_CONCURRENCY ? { EMBER_WORKER_CONCURRENCY: process.env.EMBER_WORKER_CONCURRENCY } : {}),
    // ...and the API's group commit (EMBER_GROUP_COMMIT=1: every create in a transaction of its own).
    ...(process.env.EMBER_GROUP_COMMIT ? { EMBER_GROUP_COMMIT: process.env.EMBER_GROUP_COMMIT } : {}),
    ...extra,
  };
  let output = '';
  const append = (name) => (d) => {
    output += String(d)
      .split('\n')
      .filter(Boolean)
      .map((l) => `[${name}] ${l}\n`)
      .join('');
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
  };
  const procs = { workers: [] };
  const spawnOne = (name, entry, nodeArgs, ipc = false) => {
    // bin/ember-serve: the production Node flags (as in the image), so the bench measures what runs there.
    const child = spawn(join(ROOT, 'bin/ember-serve'), [entry.split('/')[1], ...nodeArgs], {
      cwd: ROOT,
      env: { ...env, EMBER_NODE: process.execPath },
      stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])],
    });
    child.stdout.on('data', append(name));
    child.stderr.on('data', append(name));
    return child;
  };
  // With several API processes, their supervisor reports the listening ones over an IPC channel.
  let apiPids = [];
  if (withApi) {
    procs.api = spawnOne('api', 'apps/api/src/main.js', apiNodeArgs, apis > 1);
    procs.api.on('message', (m) => {
      if (m?.type === 'ember:api-processes') apiPids = m.listening ?? [];
    });
  }
  if (withWorker) {
    for (let i = 0; i < workers; i++) procs.workers.push(spawnOne(workers > 1 ? `worker.${i + 1}` : 'worker', 'apps/worker/src/main.js', workerNodeArgs));
    procs.worker = procs.workers[0];
  }
  const all = () => [procs.api, ...procs.workers].filter(Boolean);
  const stopOne = (c) =>
    new Promise((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL'), 15_000).unref();
    });
  const stop = onCleanup(`stop stack :${port}`, async () => {
    await Promise.all(all().map(stopOne));
    if (ownDir) await rm(dataDir, { recursive: true, force: true });
    log(`stopped API+worker on :${port}`);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!withApi) {
      await sleep(1500);
      if (procs.worker.exitCode !== null) throw new Error(`worker did not start:\n${output.slice(-5000)}`);
      break;
    }
    const ok = await fetch(`${baseUrl}/`).then((r) => r.status === 300, () => false);
    if (ok && (apis === 1 || apiPids.length >= apis)) break;
    if (Date.now() > deadline || all().some((c) => c.exitCode !== null)) {
      await stop();
      throw new Error(`stack did not start:\n${output.slice(-5000)}`);
    }
    await sleep(100);
  }
  const apiDesc = apis > 1 ? `${apis} API processes on ${baseUrl} (supervisor pid ${procs.api.pid}, API pids ${apiPids.join(', ')})` : `API on ${baseUrl} (pid ${procs.api?.pid})`;
  log(`${procs.api ? apiDesc : 'no API'}${procs.workers.length ? `, worker pid ${procs.workers.map((w) => w.pid).join(', ')}` : ''}, data dir ${dataDir}`);
  return {
    baseUrl,
    port,
    dataDir,
    env,
    apiPid: procs.api?.pid,
    /** The processes serving the API: the API itself, or the supervisor's children. */
    apiPids: () => (apis > 1 ? apiPids : procs.api ? [procs.api.pid] : []),
    workerPid: procs.worker?.pid,
    workerPids: procs.workers.map((w) => w.pid),
    procs,
    logs: () => output,
    stop,
    stopOne,
  };
}
