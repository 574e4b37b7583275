// Diagnostic: the floor under the create-snapshot API on this machine. bench/floor/server.mjs (node:http
// + pg, the pgbench reference's two inserts in one pipelined round trip, no framework, no event store)
// under the same autocannon load as the API row, on a scratch database shaped like the pgbench one.
// What it leaves between it and Ember is Ember's own per-request work; what it leaves between it and
// pgbench is what any Node HTTP server pays here.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { onCleanup } from '../lib/cleanup.mjs';
import { createDatabase } from '../lib/db.mjs';
import { freePort } from '../lib/stack.mjs';
import { measuredLoad } from '../lib/measured-load.mjs';
import { log, ROOT, runOk } from '../lib/util.mjs';

export async function floorLoad({ dbName, connections = 32, seconds = 10, warmupSeconds = 2 }) {
  const url = await createDatabase(dbName);
  await runOk('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', join(ROOT, 'bench', 'pgbench', 'schema.sql'), url]);
  const port = await freePort();
  const server = fork(join(ROOT, 'bench', 'floor', 'server.mjs'), [], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = onCleanup('stop the floor server', () => server.kill('SIGTERM'));
  try {
    await new Promise((resolve, reject) => {
      server.once('message', resolve);
      server.once('exit', (code) => reject(new Error(`the floor server exited (${code}) before listening`)));
    });
    const opts = {
      url: `http://127.0.0.1:${port}/v3/0c2eba2c5af04d3f9e9d0d410b371fde/snapshots`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ snapshot: { volume_id: 'c5a9b0d7-15ba-4ce1-9af1-4a17849c3c58', force: true } }),
      connections,
      pipelining: 1,
      timeout: 30,
    };
    log(`floor: warm-up ${warmupSeconds} s`);
    await autocannon({ ...opts, connections: 4, duration: warmupSeconds });
    const { cpu, load } = await measuredLoad(opts, { title: 'floor', seconds, apiPids: [server.pid] });
    return {
      connections,
      ...load,
      serverCores: cpu.api,
      serverCpuMsPerRequest: (cpu.api * 1000) / load.reqPerSec,
      machineCores: cpu.machine,
    };
  } finally {
    await stop();
  }
}
