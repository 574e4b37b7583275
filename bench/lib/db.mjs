// Private databases on the same Postgres server Ember uses; each one is dropped by the cleanup.
import pg from 'pg';
import { onCleanup } from './cleanup.mjs';
import { log, runOk, ROOT } from './util.mjs';

export const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ember';

export function urlFor(database) {
  const u = new URL(BASE_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/** One statement on a fresh connection (small admin queries). */
export async function query(url, text, values) {
  const client = new pg.Client({ connectionString: url, application_name: 'ember-bench' });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** Creates `name` (empty) and registers its DROP ... WITH (FORCE). Answers its URL. */
export async function createDatabase(name) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await query(urlFor('postgres'), `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  onCleanup(`drop database ${name}`, () => dropDatabase(name));
  return urlFor(name);
}

export async function dropDatabase(name) {
  await query(urlFor('postgres'), `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  log(`dropped database ${name}`);
}

/** Creates `name` and runs `ember migrate` against it. */
export async function createEmberDatabase(name) {
  const url = await createDatabase(name);
  await runOk(process.execPath, ['bin/ember.js', 'migrate'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, EMBER_LOG_LEVEL: 'warn' } });
  return url;
}

/** Server settings that matter for a write benchmark. */
export async function serverSettings() {
  const { rows } = await query(
    urlFor('postgres'),
    `SELECT name, setting FROM pg_settings WHERE name IN ('fsync','synchronous_commit','wal_sync_method','commit_delay','max_connections','shared_buffers','server_version')`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
}
