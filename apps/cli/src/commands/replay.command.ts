import { Worker } from 'node:worker_threads';
import type { RowDifference, SwapReport, TableDiff, VerifyReport } from '#ember/audit';
import type { EmberConfig } from '#ember/config';
import { ProgressBar } from './progress-bar.js';
import type { ReplayJob, ReplayMessage } from './replay.worker.js';

/**
 * The replay runs in a worker thread whose young generation is larger than Node's default (16 MiB
 * semi-spaces): a batch of events lives across a few scavenges, and with the default a third of the
 * replay's CPU went to copying and promoting them (9.7 s of GC per million events; 1.3 s with this).
 */
const YOUNG_GENERATION_MB = 192;

/**
 * `ember replay [--verify] [--json] [--batch-size <n>]`: rebuilds every read model from the event log
 * by running the inline projections (never the quota guards) into a shadow schema. Plain: swaps the
 * rebuilt tables in while the API keeps serving. `--verify`: compares them with the live read models
 * instead and exits 1 listing every difference.
 */
export async function replayCommand(config: EmberConfig, args: string[]): Promise<number> {
  const verify = args.includes('--verify');
  const json = args.includes('--json');
  const sizeArg = args.find((a) => a.startsWith('--batch-size='))?.slice('--batch-size='.length);
  const batchSize = sizeArg === undefined ? undefined : Number(sizeArg);
  const unknown = args.filter((a) => !['--verify', '--json'].includes(a) && !a.startsWith('--batch-size='));
  if (unknown.length > 0 || (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))) {
    console.error('usage: ember replay [--verify] [--json] [--batch-size=<events>]');
    return 2;
  }
  let bar = null as ProgressBar | null;
  const report = await inWorker({ url: config.databaseUrl, verify, batchSize }, (p) =>
    (bar ??= new ProgressBar(p.total, verify ? 'replay --verify' : 'replay')).update(p.applied, 'events'),
  );
  bar?.done();
  const rate = `${report.events} events in ${report.seconds.toFixed(1)} s (rebuild ${report.eventsPerSecond} events/s)`;
  if (json) console.log(JSON.stringify(report, null, 2));
  if (!('differences' in report)) {
    if (!json) {
      console.log(`ember replay: ${rate}; swapped in ${report.tables.join(', ')} ` +
        `(${report.tailEvents} late event(s) applied under a ${report.barrierMs} ms barrier, ${report.retries} retr${report.retries === 1 ? 'y' : 'ies'})`);
    }
    return 0;
  }
  if (!json) {
    for (const table of report.tables) printTable(table);
    console.log(`ember replay --verify: ${rate}; ${report.differences} difference(s) in ${report.tables.map((t) => t.table).join(', ')}`);
  }
  return report.differences === 0 ? 0 : 1;
}

/** Runs the replay in its worker thread; answers its report or throws its error. */
function inWorker(job: ReplayJob, onProgress: (p: { applied: number; total: number }) => void): Promise<VerifyReport | SwapReport> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(new URL('./replay.worker.js', import.meta.url), {
      workerData: job,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    worker.on('message', (m: ReplayMessage) => {
      if ('progress' in m) return onProgress(m.progress);
      settled = true;
      if ('report' in m) resolve(m.report);
      else reject(Object.assign(new Error(m.message), { stack: m.error }));
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the replay worker exited (${code}) without a report`));
    });
  });
}

function printTable(t: TableDiff): void {
  for (const d of t.differences) console.log(describe(d));
  if (t.count > t.differences.length) console.log(`… and ${t.count - t.differences.length} more in ${t.table}`);
}

function describe(d: RowDifference): string {
  const key = Object.entries(d.key).map(([k, v]) => `${k}=${String(v)}`).join(' ');
  if (d.problem === 'live_only') return `LIVE ONLY    ${d.table} ${key}: in the live read model, not rebuilt from the log`;
  if (d.problem === 'replay_only') return `REPLAY ONLY  ${d.table} ${key}: rebuilt from the log, missing from the live read model`;
  const columns = d.columns.map((c) => `${c.column}: live ${JSON.stringify(c.live)}, replayed ${JSON.stringify(c.replayed)}`);
  return `DIFFERS      ${d.table} ${key}: ${columns.join('; ')}`;
}
