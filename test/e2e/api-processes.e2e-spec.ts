import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type RunningStack } from '../support/stack.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** EMBER_API_PROCESSES=2: the supervisor keeps two API processes on one port, and stops them cleanly. */
describe('API processes under their supervisor (node:cluster)', () => {
  let stack: RunningStack;

  beforeAll(async () => {
    stack = await startStack({}, { apis: 2, workers: 1 });
  });
  afterAll(async () => stack?.stop());

  it('replaces an API process that dies, serving meanwhile; SIGTERM stops them all and exits 0', async () => {
    const [victim, other] = stack.apiPids();
    expect([victim, other].every(alive)).toBe(true);
    process.kill(victim!, 'SIGKILL');
    // The port keeps answering (the other process accepts every new connection) while the replacement starts.
    const statuses: number[] = [];
    const replaced = await eventually(async () => {
      // A connection stranded with the dead process would hang: give up on it after 5 s (status 0).
      statuses.push(await fetch(`${stack.baseUrl}/`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status, () => 0));
      const now = stack.apiPids();
      return now.length === 2 && !now.includes(victim!) && now.includes(other!) && now;
    }, 30_000, 50);
    expect(statuses.filter((s) => s !== 300)).toEqual([]);
    expect(replaced.every(alive)).toBe(true);

    const exit = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => stack.api.once('exit', (code, signal) => resolve([code, signal])));
    stack.api.kill('SIGTERM');
    expect(await exit).toEqual([0, null]);
    await eventually(async () => !replaced.some(alive), 5_000, 20);
  });
});
