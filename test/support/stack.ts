import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { isolatedDatabase } from './database.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningStack {
  baseUrl: string;
  dataDir: string;
  env: Record<string, string>;
  logs: () => string;
  stop: () => Promise<void>;
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

/**
 * Starts the compiled API and worker as real processes (as `npm start` does), on a database of their
 * own, a private Redis key prefix and a private data directory. `npm test` builds dist/ first.
 */
export async function startStack(extraEnv: Record<string, string> = {}): Promise<RunningStack> {
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
    EMBER_LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  let output = '';
  const children: ChildProcess[] = ['apps/api/src/main.js', 'apps/worker/src/main.js'].map((entry) => {
    const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist', entry)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    return child;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
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
    const ok = await fetch(`${baseUrl}/`).then((r) => r.status === 300, () => false);
    if (ok) break;
    if (Date.now() > deadline || children.some((c) => c.exitCode !== null)) {
      await stop();
      throw new Error(`stack did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseUrl, dataDir, env, logs: () => output, stop };
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
