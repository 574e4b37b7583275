// pgbench on the same Postgres server as Ember, in scratch databases.
//  - reference: BEGIN; INSERT one event; INSERT one read-model row; END  (tables shaped like Ember's)
//  - diagnostic "ember-shape": the statements one POST /snapshots runs, on a migrated Ember schema,
//    every client in one project (hot quota rows), to separate database cost from API-process cost.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, createEmberDatabase, query } from '../lib/db.mjs';
import { log, percentile, ROOT, run, runOk } from '../lib/util.mjs';

const HERE = join(ROOT, 'bench', 'pgbench');

// A real snapshot.requested.v1 event as Ember stores it (sizes as jsonb text: data 293 B, metadata 333 B).
const DATA = {"at":"2026-11-26T19:19:00.112548Z","name":null,"size":1,"userId":"bench","metadata":{},"volumeId":"c5a9b0d7-15ba-4ce1-9af1-4a17849c3c58","projectId":"93a4e779a84f544e0d651b71bbb7a117","snapshotId":"13eda8da-a61f-4001-a2d8-7d5ce21b9f14","description":null,"volumeVersion":2};
const META = {"roles":["admin","member","reader"],"userId":"bench","authMode":"noauth","projectId":"93a4e779a84f544e0d651b71bbb7a117","requestId":"req-12420034-5f2c-46d8-8aa3-586022afabe9","causationId":"13eda8da-a61f-4001-a2d8-7d5ce21b9f14","clientAddress":"127.0.0.1","correlationId":"req-12420034-5f2c-46d8-8aa3-586022afabe9"};

/** An E'' literal without a ':' in it (pgbench takes ':name' for a variable, even inside quotes). */
const literal = (text) => `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''").replaceAll(':', '\\x3a')}'`;

/** Writes the script template `name` with its placeholders filled in; answers its path. */
async function renderScript(dir, name, values = {}) {
  let text = await readFile(join(HERE, name), 'utf8');
  const all = { DATA: literal(JSON.stringify(DATA)), META: literal(JSON.stringify(META)), CREATED: literal('2026-11-26T19:19:00.112548'), ...values };
  for (const [k, v] of Object.entries(all)) text = text.replaceAll(`{{${k}}}`, v);
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function pgbench(url, scriptName, values, { clients, threads, seconds }) {
  const dir = await mkdtemp(join(tmpdir(), 'ember-bench-pgbench-'));
  try {
    const scriptFile = await renderScript(dir, scriptName, values);
    const args = ['-n', '-M', 'prepared', '-c', String(clients), '-j', String(threads), '-T', String(seconds), '-f', scriptFile, '-l', `--log-prefix=${join(dir, 'tx')}`, url];
    const r = await runOk('pgbench', args, { cwd: dir, timeoutMs: (seconds + 60) * 1000 });
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(r.stdout)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(r.stdout)?.[1] ?? 0);
    const latencies = [];
    for (const f of await readdir(dir)) {
      if (!f.startsWith('tx.')) continue;
      for (const line of (await readFile(join(dir, f), 'utf8')).split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (Number.isFinite(us) && line) latencies.push(us / 1000);
      }
    }
    return { tps, failed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), transactions: latencies.length, output: r.stdout.trim() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The reference: two inserts per transaction. */
export async function pgbenchTwoInserts({ dbName, clients = 32, threads = 2, seconds = 10 }) {
  const url = await createDatabase(dbName);
  await runOk('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', join(HERE, 'schema.sql'), url]);
  log(`pgbench two-inserts: -c ${clients} -j ${threads} -T ${seconds}`);
  const r = await pgbench(url, 'two-inserts.sql', {}, { clients, threads, seconds });
  const { rows } = await query(url, 'SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM snapshots)::int AS snapshots');
  return { ...r, rows: rows[0] };
}

/** Diagnostic: Ember's own statement sequence on an Ember schema, one project. */
export async function pgbenchEmberShape({ dbName, clients = 32, threads = 2, seconds = 10 }) {
  const url = await createEmberDatabase(dbName);
  const vol = '5f0c2a53-8d6e-4b1e-9a57-3c2d1e0f9a11';
  const proj = '0c2eba2c5af04d3f9e9d0d410b371fde';
  const hash = `sha256(convert_to(clock_timestamp()::text, 'UTF8'))`;
  await query(url, `
    INSERT INTO events (stream_id, stream_version, event_id, type, data, metadata, hash) VALUES
      ('volume-${vol}', 1, gen_random_uuid(), 'volume.requested.v1', '{"size":1,"volumeId":"${vol}","projectId":"${proj}"}', '{}', ${hash}),
      ('volume-${vol}', 2, gen_random_uuid(), 'volume.available.v1', '{"bytes":1073741824}', '{}', ${hash});
    INSERT INTO volumes (id, project_id, user_id, status, size, availability_zone, volume_type, created_at, version)
      VALUES ('${vol}', '${proj}', 'bench', 'available', 1, 'nova', '__DEFAULT__', '2026-11-26T19:19:00.000000', 2);
    INSERT INTO quota_usages (project_id, resource, in_use) VALUES ('${proj}', 'volumes', 1), ('${proj}', 'gigabytes', 1), ('${proj}', 'snapshots', 0);
    INSERT INTO quota_limits (project_id, resource, hard_limit, updated_at)
      SELECT '${proj}', r, -1, '2026-11-26T19:19:00.000000' FROM unnest('{gigabytes,snapshots,volumes}'::text[]) r;`);
  log(`pgbench ember-shape: -c ${clients} -j ${threads} -T ${seconds}`);
  return pgbench(url, 'ember-shape.sql', { VOL: vol, PROJ: proj }, { clients, threads, seconds });
}

export async function pgbenchAvailable() {
  return (await run('pgbench', ['--version']).catch(() => ({ code: 127 }))).code === 0;
}
