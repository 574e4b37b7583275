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
 */
export async function startStack({ databaseUrl, queuePrefix, dataDir, apiNodeArgs = [], workerNodeArgs = [], env: extra = {}, withApi = true, withWorker = true }) {
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
  const procs = {};
  const entries = { ...(withApi ? { api: ['apps/api/src/main.js', apiNodeArgs] } : {}), ...(withWorker ? { worker: ['apps/worker/src/main.js', workerNodeArgs] } : {}) };
  for (const [name, [entry, nodeArgs]] of Object.entries(entries)) {
    // bin/ember-serve: the production Node flags (as in the image), so the bench measures what runs there.
    const child = spawn(join(ROOT, 'bin/ember-serve'), [entry.split('/')[1], ...nodeArgs], {
      cwd: ROOT,
      env: { ...env, EMBER_NODE: process.execPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', append(name));
    child.stderr.on('data', append(name));
    procs[name] = child;
  }
  const stopOne = (c) =>
    new Promise((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL'), 15_000).unref();
    });
  const stop = onCleanup(`stop stack :${port}`, async () => {
    await Promise.all(Object.values(procs).map(stopOne));
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
    if (ok) break;
    if (Date.now() > deadline || Object.values(procs).some((c) => c.exitCode !== null)) {
      await stop();
      throw new Error(`stack did not start:\n${output.slice(-5000)}`);
    }
    await sleep(100);
  }
  log(`${procs.api ? `API on ${baseUrl} (pid ${procs.api.pid})` : 'no API'}${procs.worker ? `, worker pid ${procs.worker.pid}` : ''}, data dir ${dataDir}`);
  return { baseUrl, port, dataDir, env, apiPid: procs.api?.pid, workerPid: procs.worker?.pid, procs, logs: () => output, stop, stopOne };
}
