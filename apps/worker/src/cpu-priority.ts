import { execFileSync } from 'node:child_process';
import { setPriority } from 'node:os';
import type { EmberConfig } from '#ember/config';

/**
 * Lowers the worker's CPU priority as configured (`EMBER_WORKER_SCHED`, `EMBER_WORKER_NICE`); raising
 * one's own niceness or moving to SCHED_IDLE needs no privilege. Answers what was applied, for the log.
 *
 * SCHED_IDLE goes to every thread the process has (util-linux's `chrt --all-tasks`: V8's and libuv's
 * threads started before this code ran included); threads started later inherit it. A niceness set
 * with `os.setPriority` only reaches the calling thread on Linux, and the threads it starts later.
 * Where `chrt` is missing or refused, the worker falls back to the niceness and says so.
 */
export function lowerCpuPriority(config: Pick<EmberConfig, 'workerSched' | 'workerNice'>, warn: (message: string) => void): string {
  if (config.workerSched === 'idle') {
    try {
      execFileSync('chrt', ['--idle', '--all-tasks', '--pid', '0', String(process.pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
      return 'SCHED_IDLE';
    } catch (e) {
      const stderr = String((e as { stderr?: Buffer }).stderr ?? '').trim();
      warn(`could not schedule the worker as SCHED_IDLE (${stderr || (e as Error).message}); running at niceness ${config.workerNice}`);
    }
  }
  if (config.workerNice === 0) return 'nice 0';
  try {
    setPriority(0, config.workerNice);
    return `nice ${config.workerNice}`;
  } catch (e) {
    warn(`could not lower the worker's CPU priority: ${(e as Error).message}`);
    return 'nice 0';
  }
}
