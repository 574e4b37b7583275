import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Whether the differential suite runs, and against which oracle. */
export type OracleDecision = { url: string; startedHere: boolean } | { skip: string };

/** Runs `scripts/oracle.sh <args>`; resolves with its exit code and its output. */
export function oracleScript(args: string[], timeoutMs = 60_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['scripts/oracle.sh', ...args], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

const lastLines = (s: string, n = 3) => s.trim().split('\n').slice(-n).join(' | ');

async function decide(): Promise<OracleDecision> {
  // Set by .ci/run when it could not start the oracle, so the tests don't try (and wait) again.
  if (process.env.EMBER_ORACLE === 'off') return { skip: process.env.EMBER_ORACLE_SKIP_REASON || 'EMBER_ORACLE=off' };
  const url = (await oracleScript(['url'])).stdout.trim();
  if ((await oracleScript(['status'])).code === 0) return { url, startedHere: false };
  const check = await oracleScript(['check']);
  if (check.code !== 0) return { skip: lastLines(check.stderr, 1) };
  const started = Date.now();
  // A first start installs Debian packages (~1-2 min); later starts take ~6 s.
  const start = await oracleScript(['start'], 15 * 60_000);
  if (start.code !== 0) return { skip: `the oracle did not start (scripts/oracle.sh start → ${start.code}): ${lastLines(start.stderr)}` };
  console.log(`[differential] Cinder oracle started at ${url} in ${Math.round((Date.now() - started) / 1000)} s`);
  return { url, startedHere: true };
}

/**
 * Vitest global setup of the `differential` project: finds or starts the Cinder oracle
 * (scripts/oracle.sh), tells the suite through `inject('oracle')`, and stops the oracle at the end
 * if it started it here (EMBER_ORACLE_KEEP=1 keeps it running).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const decision = await decide();
  project.provide('oracle', decision);
  if ('skip' in decision) console.warn(`[differential] SKIPPED, no Cinder oracle: ${decision.skip}`);
  else console.log(`[differential] comparing Ember with the real Cinder at ${decision.url}`);
  return async () => {
    if ('startedHere' in decision && decision.startedHere && !process.env.EMBER_ORACLE_KEEP) await oracleScript(['stop']);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    oracle: OracleDecision;
  }
}
