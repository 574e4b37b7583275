// The oracle's wrk benchmark (/work/shared/oracle/bench.sh): against the real Cinder API (it starts,
// seeds and stops its own oracle on private ports) and, in TARGET mode, against Ember, so both are
// measured by the same load generator (wrk, C, light on the 2 shared cores).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from '../lib/cleanup.mjs';
import { log, run } from '../lib/util.mjs';

export const ORACLE_DIR = process.env.EMBER_BENCH_ORACLE_DIR ?? '/work/shared/oracle';
const ORACLE_ENV = { ORACLE_PORT: '18790', ORACLE_DB_PORT: '13390', ORACLE_STATE: '/tmp/cinder-oracle-bench' };

/** Parses the markdown row bench.sh prints for one run. */
function parseRow(stdout) {
  const row = stdout.split('\n').find((l) => /^\| .* \| \d+ \| \d+ \| [\d.]+ \|/.test(l));
  if (!row) return null;
  const c = row.split('|').slice(1, -1).map((x) => x.trim());
  const [target, conns, rep, rps, p50, p90, p99, max, requests, statuses, serverCpu, wrkCpu, foreignCpu] = c;
  const statusMap = Object.fromEntries(statuses.split(' ').filter((s) => /^\d+:\d+$/.test(s)).map((s) => s.split(':').map(Number)));
  const sockErr = Number(/sockerr:(\d+)/.exec(statuses)?.[1] ?? 0);
  return {
    target,
    connections: Number(conns),
    rep: Number(rep),
    reqPerSec: Number(rps),
    latencyMs: { p50: Number(p50), p90: Number(p90), p99: Number(p99), max: Number(max) },
    requests: Number(requests),
    statuses: statusMap,
    non202: Number(requests) - (statusMap[202] ?? 0) + sockErr,
    cpuCores: { server: Number(serverCpu), wrk: Number(wrkCpu), foreign: Number(foreignCpu) },
    row,
  };
}

async function benchSh(env, timeoutMs) {
  const outdir = await mkdtemp(join(tmpdir(), 'ember-bench-wrk-'));
  try {
    const r = await run('bash', [join(ORACLE_DIR, 'bench.sh')], {
      env: { ...process.env, CONNS: '32', DURATION: '10', REPS: '1', WARMUP: '3', OUTDIR: outdir, ...env },
      timeoutMs,
    });
    const parsed = parseRow(r.stdout);
    if (r.code !== 0 || !parsed) {
      throw new Error(`bench.sh exited ${r.code ?? r.signal}: ${(r.stderr || r.stdout).trim().split('\n').slice(-12).join('\n')}`);
    }
    return parsed;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

export function oracleAvailable() {
  return existsSync(join(ORACLE_DIR, 'bench.sh')) ? null : `${ORACLE_DIR}/bench.sh not found`;
}

/** The real Cinder API (bench.sh starts a fresh oracle on private ports and stops it). */
export async function cinderOracle() {
  // bench.sh stops the oracle itself at the end; this covers a failure or a signal half-way.
  const stop = onCleanup('stop the Cinder oracle', () => run('bash', [join(ORACLE_DIR, 'stop.sh')], { env: { ...process.env, ...ORACLE_ENV } }));
  log(`Cinder oracle: bench.sh on 127.0.0.1:${ORACLE_ENV.ORACLE_PORT} (MariaDB :${ORACLE_ENV.ORACLE_DB_PORT}), CONNS=32 DURATION=10 REPS=1`);
  try {
    return await benchSh(ORACLE_ENV, 20 * 60_000);
  } finally {
    await stop();
  }
}

/** The same wrk script against Ember (TARGET mode). */
export async function wrkEmber({ stack, client, volumeId }) {
  log('Ember under wrk (bench.sh TARGET mode), CONNS=32 DURATION=10');
  return benchSh(
    {
      TARGET: stack.baseUrl,
      VOL: volumeId,
      TOKEN: client.token,
      PROJECT: client.project,
      TARGET_PIDS: `${stack.apiPid} ${stack.workerPid}`,
      LABEL: 'ember',
    },
    5 * 60_000,
  );
}
