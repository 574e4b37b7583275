import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { isolatedDatabase } from './database.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningStack {
  /** One URL whatever the number of API processes (they share the port, see EMBER_API_PROCESSES). */
  baseUrl: string;
  dataDir: string;
  env: Record<string, string>;
  /** How many API and worker processes this stack runs. */
  scale: { apis: number; workers: number };
  /** The API's process: the API itself, or with several API processes their supervisor. */
  api: ChildProcess;
  /** The API processes that are listening: the API's pid, or the supervisor's children (as it reports them). */
  apiPids: () => number[];
  /** The worker processes, in start order. */
  workers: ChildProcess[];
  logs: () => string;
  stop: () => Promise<void>;
}

export interface StackOptions {
  /**
   * API processes (`EMBER_API_PROCESSES`, node:cluster behind the one port) and worker processes
   * (separate processes on the same database, queue prefix and data dir). Default: `EMBER_E2E_SCALE`
   * (1 when unset), so `EMBER_E2E_SCALE=2 npx vitest run --project e2e` runs every e2e test on 2 + 2.
   */
  apis?: number;
  workers?: number;
}

/** The scale the e2e suite runs at: `EMBER_E2E_SCALE` (a positive integer), default 1. */
export function e2eScale(): number {
  const raw = process.env.EMBER_E2E_SCALE?.trim();
  if (!raw) return 1;
  if (!/^[1-9]\d*$/.test(raw)) throw new Error(`EMBER_E2E_SCALE must be a positive integer, not ${raw}`);
  return Number(raw);
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;

/**
 * Starts the compiled API and worker as real processes (as `npm start` does), on a database of their
 * own, a private Redis key prefix and a private data directory. `npm test` builds dist/ first.
 * With `apis`/`workers` above 1 (or EMBER_E2E_SCALE), several of each, still behind one URL.
 */
export async function startStack(extraEnv: Record<string, string> = {}, options: StackOptions = {}): Promise<RunningStack> {
  const scale = { apis: options.apis ?? e2eScale(), workers: options.workers ?? e2eScale() };
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'ember-e2e-'));
  const database = await isolatedDatabase();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    EMBER_QUEUE_PREFIX: `${inject('queuePrefix')}-${port}`,
    EMBER_DATA_DIR: dataDir,
    EMBER_API_PORT: String(port),
    EMBER_API_HOST: '127.0.0.1',
    EMBER_API_PROCESSES: String(scale.apis),
    // The test server is shared (max_connections 100): a scaled stack keeps about one process's connections.
    ...(scale.apis > 1 || scale.workers > 1 ? { EMBER_DB_POOL_SIZE: String(Math.max(5, Math.ceil(20 / Math.max(scale.apis, scale.workers)))) } : {}),
    EMBER_LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  let output = '';
  const spawnOne = (label: string, entry: string, ipc = false): ChildProcess => {
    const stdio: StdioOptions = ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc' as const] : [])];
    // bin/ember-serve: the production Node flags (as in the image), plus source maps for readable failures.
    const role = entry.split('/')[1];
    const child = spawn(join(root, 'bin/ember-serve'), [role, '--enable-source-maps'], { cwd: root, env: { ...env, EMBER_NODE: process.execPath }, stdio });
    for (const stream of [child.stdout!, child.stderr!]) {
      let pending = '';
      stream.on('data', (d) => {
        const lines = (pending + String(d)).split('\n');
        pending = lines.pop()!;
        for (const line of lines) output += `[${label}] ${line}\n`;
      });
      stream.on('end', () => pending && (output += `[${label}] ${pending}\n`));
    }
    return child;
  };
  // With an IPC channel, the API's supervisor (EMBER_API_PROCESSES > 1) reports its listening processes.
  const api = spawnOne('api', 'apps/api/src/main.js', scale.apis > 1);
  let apiPids: number[] = [];
  api.on('message', (m: { type?: string; listening?: number[] }) => {
    if (m?.type === 'ember:api-processes') apiPids = m.listening ?? [];
  });
  const workers = Array.from({ length: scale.workers }, (_, i) =>
    spawnOne(scale.workers > 1 ? `worker.${i + 1}` : 'worker', 'apps/worker/src/main.js'),
  );
  const children = [api, ...workers];
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (exited(c)) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
            setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    await rm(dataDir, { recursive: true, force: true });
    if (!process.env.EMBER_KEEP_TEST_DB) await database.drop();
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    // With several API processes, every one of them is listening before the stack is handed out.
    const ok = await fetch(`${baseUrl}/`).then((r) => r.status === 300, () => false);
    if (ok && (scale.apis === 1 || apiPids.length >= scale.apis)) break;
    if (Date.now() > deadline || children.some(exited)) {
      await stop();
      throw new Error(`stack did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseUrl, dataDir, env, scale, api, apiPids: () => (scale.apis === 1 ? [api.pid!] : apiPids), workers, logs: () => output, stop };
}

/** Polls `probe` until it returns a value (or throws after `ms`). */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, ms = 20_000, every = 10): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, every));
  }
}
