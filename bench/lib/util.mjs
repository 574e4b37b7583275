// Small helpers shared by the benchmark modules (plain Node, no test framework).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const t0 = Date.now();
export function log(...args) {
  const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
  console.error(`[bench ${s}s]`, ...args);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a command; resolves { code, signal, stdout, stderr, ms }. Never rejects on a non-zero exit
 * (callers decide). `onChild` receives the ChildProcess (for pids and cleanup).
 */
export function run(cmd, args = [], { env, cwd = ROOT, input, timeoutMs, onChild, echo = false } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], detached: false });
    onChild?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (echo) process.stderr.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (echo) process.stderr.write(d);
    });
    let timer;
    if (timeoutMs) {
      timer = setTimeout(() => {
        stderr += `\n[bench] timeout after ${timeoutMs} ms: SIGTERM\n`;
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
      }, timeoutMs);
    }
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** Like run() but rejects with the output when the exit code is not 0. */
export async function runOk(cmd, args, opts) {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    const tail = (r.stdout + '\n' + r.stderr).trim().split('\n').slice(-25).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.code ?? r.signal}:\n${tail}`);
  }
  return r;
}

export function median(xs) {
  return percentile(xs, 50);
}

/** Nearest-rank percentile of a list of numbers. */
export function percentile(xs, p) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

export const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

export function commandExists(cmd) {
  return run('sh', ['-c', `command -v ${cmd}`]).then((r) => r.code === 0, () => false);
}

/** Busy jiffies of the whole machine (user+nice+system+irq+softirq+steal), and the clock tick. */
export function machineBusyJiffies() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = line;
  return user + nice + system + irq + softirq + steal;
}
export const HZ = 100; // getconf CLK_TCK on Linux/x86_64

/** utime+stime of one process in jiffies (0 if it is gone). */
export function processJiffies(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** VmRSS of a process in MiB (null if it is gone). */
export function rssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export const fmt = (x, digits = 0) => (x === null || x === undefined || Number.isNaN(x) ? '—' : Number(x).toFixed(digits));
