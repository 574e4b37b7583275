import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// lowerCpuPriority changes the scheduling of the process that calls it: each case runs it in a child
// Node process (the compiled module, as the worker loads it) that reports every one of its threads.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const compiled = join(root, 'dist/apps/worker/src/cpu-priority.js');
const SCHED_OTHER = 0;
const SCHED_IDLE = 5;

type Report = { applied: string; warnings: string[]; threads: { policy: number; nice: number }[]; later: { policy: number; nice: number } };

function runIn(config: { workerSched: 'idle' | 'normal'; workerNice: number }, env: NodeJS.ProcessEnv = process.env): Report {
  // /proc/.../stat after the parenthesised name: field 19 (nice) is index 16, field 41 (policy) index 38.
  const parse = `(text) => { const f = text.slice(text.lastIndexOf(') ') + 2).split(' '); return { policy: Number(f[38]), nice: Number(f[16]) }; }`;
  const script = `
    import { readdirSync, readFileSync } from 'node:fs';
    import { Worker } from 'node:worker_threads';
    import { lowerCpuPriority } from ${JSON.stringify(compiled)};
    const sched = ${parse};
    const tids = () => readdirSync('/proc/self/task');
    const warnings = [];
    const before = tids();
    const applied = lowerCpuPriority(${JSON.stringify(config)}, (m) => warnings.push(m));
    const threads = before.filter((t) => tids().includes(t)).map((t) => sched(readFileSync('/proc/self/task/' + t + '/stat', 'utf8')));
    // A thread started afterwards: a worker thread, which reports its own thread's scheduling.
    const later = await new Promise((resolve, reject) => {
      const w = new Worker(
        "process.getBuiltinModule('node:worker_threads').parentPort.postMessage((" + ${JSON.stringify(parse)} + ")(process.getBuiltinModule('node:fs').readFileSync('/proc/thread-self/stat', 'utf8')))",
        { eval: true },
      );
      w.once('message', (m) => { resolve(m); void w.terminate(); });
      w.once('error', reject);
    });
    console.log(JSON.stringify({ applied, warnings, threads, later }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe('lowerCpuPriority (the worker process)', () => {
  it('moves every thread, and the threads started later, to SCHED_IDLE', () => {
    const r = runIn({ workerSched: 'idle', workerNice: 10 });
    expect(r.applied).toBe('SCHED_IDLE');
    expect(r.warnings).toEqual([]);
    expect(r.threads.length).toBeGreaterThan(1); // V8's threads, started before any of our code
    expect(new Set(r.threads.map((t) => t.policy))).toEqual(new Set([SCHED_IDLE]));
    expect(r.later).toEqual(expect.objectContaining({ policy: SCHED_IDLE }));
  });

  it('under the normal policy, applies the niceness to every thread, and the threads started later', () => {
    const r = runIn({ workerSched: 'normal', workerNice: 7 });
    expect(r.applied).toBe('nice 7');
    expect(r.threads.length).toBeGreaterThan(1);
    expect(r.threads.every((t) => t.policy === SCHED_OTHER && t.nice === 7), JSON.stringify(r.threads)).toBe(true);
    expect(r.later).toEqual({ policy: SCHED_OTHER, nice: 7 });
  });

  it('falls back to the niceness, with a warning, where chrt cannot be run', () => {
    const r = runIn({ workerSched: 'idle', workerNice: 10 }, { ...process.env, PATH: '/nonexistent' });
    expect(r.applied).toBe('nice 10');
    expect(r.warnings).toEqual([expect.stringMatching(/could not schedule the worker as SCHED_IDLE .*running at niceness 10/)]);
    expect(new Set(r.threads.map((t) => `${t.policy}/${t.nice}`))).toEqual(new Set([`${SCHED_OTHER}/10`]));
  });

  it('leaves a normal worker at niceness 0 alone', () => {
    const r = runIn({ workerSched: 'normal', workerNice: 0 });
    expect(r.applied).toBe('nice 0');
    expect(new Set(r.threads.map((t) => `${t.policy}/${t.nice}`))).toEqual(new Set([`${SCHED_OTHER}/0`]));
  });
});
