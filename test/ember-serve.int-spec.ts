import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// bin/ember-serve starts the API and the worker everywhere (image, compose, npm start, e2e, bench).
// A preload reports what the started Node process got, then exits before the application boots.
const root = fileURLToPath(new URL('..', import.meta.url));
const launcher = join(root, 'bin/ember-serve');

describe('bin/ember-serve', () => {
  let dir: string;
  let probe: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ember-serve-'));
    probe = join(dir, 'probe.mjs');
    await writeFile(
      probe,
      `import v8 from 'node:v8';
       console.log(JSON.stringify({
         execArgv: process.execArgv,
         argv1: process.argv[1],
         heapLimitMiB: v8.getHeapStatistics().heap_size_limit / 2 ** 20,
         sourceMaps: process.sourceMapsEnabled,
       }));
       process.exit(0);`,
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const serve = (...args: string[]) => {
    const r = spawnSync(launcher, args, { cwd: tmpdir(), env: { ...process.env, EMBER_NODE: process.execPath }, encoding: 'utf8' });
    return { status: r.status, out: r.stdout, err: r.stderr };
  };
  const report = (...args: string[]) => {
    const r = serve(...args);
    expect(r.status, r.err).toBe(0);
    return JSON.parse(r.out) as { execArgv: string[]; argv1: string; heapLimitMiB: number; sourceMaps: boolean };
  };

  it('runs the compiled API with a bounded heap and no source maps', () => {
    const api = report('api', '--import', probe);
    expect(api.argv1).toBe(join(root, 'dist/apps/api/src/main.js'));
    expect(api.execArgv).toEqual(expect.arrayContaining(['--max-old-space-size=256', '--max-semi-space-size=16']));
    expect(api.sourceMaps).toBe(false);
    // The old generation's maximum plus the young generation's (3 semi-spaces).
    expect(api.heapLimitMiB).toBeGreaterThanOrEqual(256);
    expect(api.heapLimitMiB).toBeLessThanOrEqual(256 + 3 * 16);
  });

  it('runs the worker with V8 defaults', () => {
    const worker = report('worker', '--import', probe);
    expect(worker.argv1).toBe(join(root, 'dist/apps/worker/src/main.js'));
    expect(worker.execArgv).toEqual(['--import', probe]);
  });

  it('passes flags after its own, so they win (source maps for development, a larger heap)', () => {
    const api = report('api', '--enable-source-maps', '--max-old-space-size=512', '--import', probe);
    expect(api.sourceMaps).toBe(true);
    expect(api.heapLimitMiB).toBeGreaterThan(512);
  });

  it('refuses an unknown role', () => {
    const r = serve('cli');
    expect(r.status).toBe(64);
    expect(r.err).toMatch(/usage: ember-serve api\|worker/);
  });
});
