import pg from 'pg';
import { Sealer, verifyLog, type VerifyReport } from '#ember/event-store';
import type { EmberConfig } from '#ember/config';
import { ProgressBar } from './progress-bar.js';

const USAGE = 'usage: ember verify [--seal] [--anchor <seal_no>:<hash>] [--json]';
const FLAGS = ['--json', '--seal', '--anchor'];

/**
 * `ember verify [--seal] [--anchor n:hash] [--json]`: checks the event log's tamper evidence — the
 * seals against the global order, then every stream's hash chain — and names the first event found
 * altered, removed, inserted or reordered (exit 1). `--seal` first seals what the worker has not yet;
 * `--anchor` checks a seal hash recorded outside the database. Exit 0 when everything matches.
 */
export async function verifyCommand(config: EmberConfig, args: string[]): Promise<number> {
  const json = args.includes('--json');
  const anchorAt = args.indexOf('--anchor');
  const anchor = anchorAt >= 0 ? parseAnchor(args[anchorAt + 1]) : undefined;
  const unknown = args.filter((a, i) => !FLAGS.includes(a) && !(anchorAt >= 0 && i === anchorAt + 1));
  if (anchor === null || unknown.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2, application_name: 'ember-verify' });
  try {
    if (args.includes('--seal')) {
      const seals = await new Sealer(pool).sealPending();
      if (!json && seals.length > 0) console.error(`ember verify: sealed ${seals.reduce((n, s) => n + s.eventIds.length, 0)} event(s) in ${seals.length} new seal(s)`);
    }
    const bars = { seals: null as ProgressBar | null, streams: null as ProgressBar | null };
    const client = await pool.connect();
    let report: VerifyReport;
    try {
      report = await verifyLog(client, {
        anchor,
        onProgress: (phase, done, total) => (bars[phase] ??= new ProgressBar(total, `verify ${phase}`)).update(done, 'events'),
      });
    } finally {
      client.release();
      bars.seals?.done();
      bars.streams?.done();
    }
    print(report, json);
    return report.ok ? 0 : 1;
  } finally {
    await pool.end();
  }
}

function parseAnchor(value: string | undefined): { sealNo: number; hash: string } | null {
  const match = /^(\d+):([0-9a-fA-F]{64})$/.exec(value ?? '');
  return match ? { sealNo: Number(match[1]), hash: match[2]!.toLowerCase() } : null;
}

function print(report: VerifyReport, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  if (report.problem) {
    console.log(`ember verify: ${report.problem.message}`);
    return;
  }
  const sealed = report.lastSeal
    ? `${report.seals} seal(s) covering ${report.sealedEvents} event(s), ${report.unsealedEvents} after the last; last seal ${report.lastSeal.sealNo}:${report.lastSeal.hash}`
    : `no seals yet (${report.unsealedEvents} event(s) covered by their stream chains only)`;
  console.log(`ember verify: ${report.events} events in ${report.streams} streams verified, ${sealed}`);
}
