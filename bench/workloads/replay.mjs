// `ember replay` over N generated events. The events are real streams recorded by the running stack
// (a quota.limits_set, a volume's requested/available, a snapshot's requested/available), cloned by SQL
// into a scratch database under new ids: P projects, each volume followed by S snapshots.
// `hash` gets a placeholder 32-byte value (the append computes chained hashes; replay does not read
// them, `ember verify` would reject these events).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createEmberDatabase, query } from '../lib/db.mjs';
import { log, ROOT, run } from '../lib/util.mjs';

const SNAPSHOTS_PER_VOLUME = 9;
const PROJECTS = 100;
const BATCH_VOLUMES = 2500; // 50,000 events per INSERT

/** Does this build have `ember replay`? (someone else is writing it) */
export async function replayAvailable() {
  if (!existsSync(join(ROOT, 'dist/apps/cli/src/main.js'))) return false;
  const r = await run(process.execPath, ['bin/ember.js', 'help']);
  return /^\s*replay\s.*--verify/m.test(r.stdout);
}

async function templates(stackDbUrl, projectId, volumeId) {
  const rows = async (where, values) =>
    (await query(stackDbUrl, `SELECT stream_id, stream_version, type, schema_version, data::text AS data, metadata::text AS metadata FROM events WHERE ${where} ORDER BY stream_version`, values)).rows;
  const quota = (await rows(`stream_id = $1 AND type = 'quota.limits_set.v1'`, [`quota-${projectId}`])).slice(0, 1);
  const volume = await rows(`stream_id = $1`, [`volume-${volumeId}`]);
  const { rows: snap } = await query(stackDbUrl, `SELECT id::text FROM snapshots WHERE volume_id = $1 AND status = 'available' ORDER BY created_at LIMIT 1`, [volumeId]);
  if (quota.length !== 1 || volume.length < 2 || snap.length !== 1) throw new Error('the stack database has no template streams (quota, volume, available snapshot)');
  const snapshot = await rows(`stream_id = $1`, [`snapshot-${snap[0].id}`]);
  return { quota, volume, snapshot, ids: { project: projectId, volume: volumeId, snapshot: snap[0].id } };
}

export async function generateEvents({ dbName, events, stackDbUrl, projectId, volumeId }) {
  const url = await createEmberDatabase(dbName);
  const tpl = await templates(stackDbUrl, projectId, volumeId);
  const perVolume = tpl.volume.length + SNAPSHOTS_PER_VOLUME * tpl.snapshot.length;
  const volumes = Math.max(1, Math.ceil((events - PROJECTS) / perVolume));
  await query(url, `CREATE UNLOGGED TABLE bench_tpl (kind text, stream_version int, type text, schema_version int, data text, metadata text)`);
  for (const [kind, list] of Object.entries({ quota: tpl.quota, volume: tpl.volume, snapshot: tpl.snapshot })) {
    for (const e of list) {
      await query(url, `INSERT INTO bench_tpl VALUES ($1, $2, $3, $4, $5, $6)`, [kind, e.stream_version, e.type, e.schema_version, e.data, e.metadata]);
    }
  }
  const { project: tp, volume: tv, snapshot: ts } = tpl.ids;
  const hash = `sha256(convert_to(gen_random_uuid()::text, 'UTF8'))`;
  const t0 = performance.now();
  // Projects first: their quota limits.
  await query(
    url,
    `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, hash)
     SELECT 'quota-' || md5('p' || p), t.stream_version, gen_random_uuid(), t.type, t.schema_version,
            replace(t.data, $2, md5('p' || p))::jsonb, replace(t.metadata, $2, md5('p' || p))::jsonb, ${hash}
       FROM generate_series(0, $1 - 1) p, bench_tpl t WHERE t.kind = 'quota' ORDER BY p`,
    [PROJECTS, tp],
  );
  for (let a = 0; a < volumes; a += BATCH_VOLUMES) {
    const b = Math.min(volumes, a + BATCH_VOLUMES);
    await query(
      url,
      `WITH vols AS (
         SELECT g, md5('v' || g)::uuid::text AS vid, md5('p' || (g % $3)) AS pid FROM generate_series($1::int, $2::int - 1) g
       ), streams AS (
         SELECT g, 0 AS s, 'volume' AS kind, 'volume-' || vid AS stream_id, vid, NULL::text AS sid, pid FROM vols
         UNION ALL
         SELECT g, s, 'snapshot', 'snapshot-' || md5('s' || g || '-' || s)::uuid::text, vid, md5('s' || g || '-' || s)::uuid::text, pid
           FROM vols, generate_series(1, $4::int) s
       )
       INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, hash)
       SELECT x.stream_id, t.stream_version, gen_random_uuid(), t.type, t.schema_version,
              replace(replace(replace(t.data, $5, x.vid), $6, coalesce(x.sid, $6)), $7, x.pid)::jsonb,
              replace(replace(replace(t.metadata, $5, x.vid), $6, coalesce(x.sid, $6)), $7, x.pid)::jsonb,
              ${hash}
         FROM streams x JOIN bench_tpl t ON t.kind = x.kind
        ORDER BY x.g, x.s, t.stream_version`,
      [a, b, PROJECTS, SNAPSHOTS_PER_VOLUME, tv, ts, tp],
    );
  }
  await query(url, `DROP TABLE bench_tpl`);
  await query(url, `VACUUM ANALYZE events`);
  const { rows } = await query(url, `SELECT count(*)::int AS n, pg_size_pretty(pg_total_relation_size('events')) AS size FROM events`);
  log(`replay: generated ${rows[0].n} events (${rows[0].size}) in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${PROJECTS} projects, ${volumes} volumes × (${tpl.volume.length} + ${SNAPSHOTS_PER_VOLUME} snapshots × ${tpl.snapshot.length}) events`);
  return { url, events: rows[0].n, tableSize: rows[0].size, volumes, projects: PROJECTS, snapshotsPerVolume: SNAPSHOTS_PER_VOLUME, generateSeconds: (performance.now() - t0) / 1000 };
}

/** Runs `ember replay <args> --json` against `url`; answers wall time and the command's own report. */
export async function runReplay(url, args) {
  log(`replay: node bin/ember.js replay ${args.join(' ')}`);
  const r = await run(process.execPath, ['bin/ember.js', 'replay', ...args, '--json'], { env: { ...process.env, DATABASE_URL: url, EMBER_LOG_LEVEL: 'warn' }, timeoutMs: 3600_000 });
  let report = null;
  const start = r.stdout.indexOf('{');
  if (start >= 0) {
    try {
      report = JSON.parse(r.stdout.slice(start));
    } catch {
      report = null;
    }
  }
  if (report?.tables) report.tables = report.tables.map((t) => (typeof t === 'string' ? t : { table: t.table, count: t.count, first: t.differences?.slice(0, 3) }));
  return { exitCode: r.code, wallSeconds: r.ms / 1000, report, stderr: r.stderr.trim().split('\n').slice(-10).join('\n') };
}
