// One autocannon run with the CPU it cost each side: the load of the API rows, the scale-out rows and the floor.
import autocannon from 'autocannon';
import { HZ, log, machineBusyJiffies, processJiffies } from './util.mjs';

/**
 * Runs autocannon with `opts` for `seconds`, calling `sample` before, every `everyMs` and after, and
 * answers its result (and `load`, its summary for the rows) with the cores used over the run by the `apiPids`, the `workerPids`, this process
 * (autocannon, the load generator), the whole machine and everything else (Postgres, Redis, other users).
 */
export async function measuredLoad(opts, { title, seconds, apiPids, workerPids = [], sample = () => {}, everyMs = 100 }) {
  const sum = (pids) => pids.reduce((n, pid) => n + processJiffies(pid), 0);
  const j0 = { api: sum(apiPids), worker: sum(workerPids), machine: machineBusyJiffies(), self: process.cpuUsage() };
  sample();
  const timer = setInterval(sample, everyMs);
  log(`${title}: ${opts.connections} connections, ${seconds} s`);
  const started = Date.now();
  let result;
  try {
    result = await autocannon({ ...opts, duration: seconds });
  } finally {
    clearInterval(timer);
  }
  sample();
  const wall = (Date.now() - started) / 1000;
  const self = process.cpuUsage(j0.self);
  const cores = (jiffies) => jiffies / HZ / wall;
  const cpu = {
    api: cores(sum(apiPids) - j0.api),
    worker: cores(sum(workerPids) - j0.worker),
    loadGenerator: (self.user + self.system) / 1e6 / wall,
    machine: cores(machineBusyJiffies() - j0.machine),
  };
  cpu.others = Math.max(0, cpu.machine - cpu.api - cpu.worker - cpu.loadGenerator);
  return { result, wall, cpu, load: summaryOf(result) };
}

/** What the rows report of an autocannon result: rates, latencies, statuses, and every answer that was not a 202. */
function summaryOf(result) {
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  const total = result.requests.total;
  const { p50, p90, p99, max, mean } = result.latency;
  return {
    seconds: result.duration,
    requests: total,
    reqPerSec: total / result.duration,
    latencyMs: { p50, p90, p99, max, mean },
    statuses,
    non202: total - (statuses['202'] ?? 0) + result.errors + result.timeouts,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
