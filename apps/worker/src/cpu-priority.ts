import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { EmberConfig } from '#ember/config';

/**
 * Lowers the worker's CPU priority as configured (`EMBER_WORKER_SCHED`, `EMBER_WORKER_NICE`) on every
 * thread the process has (V8's and libuv's, started before this code ran, included); threads started
 * later inherit it from the thread starting them. Lowering one's own priority needs no privilege (and
 * raising it back would: the worker never does). Answers what was applied, for the log.
 *
 * SCHED_IDLE goes through util-linux's `chrt --all-tasks`; a niceness through `setpriority` per thread
 * id (on Linux a niceness belongs to a thread: `os.setPriority(0, n)` alone would leave V8's threads
 * at 0). Where `chrt` is missing or refused, the worker falls back to the niceness and says so.
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
    setPriority(0, config.workerNice); // the calling thread first: the threads it starts from now on inherit it
    for (const tid of threadIds()) {
      try {
        setPriority(tid, config.workerNice);
      } catch (e) {
        if ((e as { info?: { code?: string } }).info?.code !== 'ESRCH') throw e; // exited meanwhile
      }
    }
    return `nice ${config.workerNice}`;
  } catch (e) {
    warn(`could not lower the worker's CPU priority: ${(e as Error).message}`);
    return 'nice 0';
  }
}

/** The process's other threads (Linux); none where /proc cannot say. */
function threadIds(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number).filter((tid) => tid !== process.pid);
  } catch {
    return [];
  }
}
