import pg from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

/** int8 and numeric come back as strings by default; Ember's counters fit in a JS number except positions. */
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => (Number.isSafeInteger(Number(v)) ? Number(v) : v));

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  entities?: Function[];
  migrations?: MigrationClass[];
  applicationName?: string;
}

/** TypeORM owns the connection pool, entities and migrations; the hot paths share its pg Pool. */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    poolSize: options.poolSize ?? 20,
    applicationName: options.applicationName ?? 'ember',
    // Pipelined connections: a transaction's statements can share one write (see PipelinedTransaction).
    extra: { max: options.poolSize ?? 20, pipeline: true },
    logging: ['error'],
  });
}

/** The pg Pool behind a TypeORM Postgres DataSource (initialized). */
export function poolOf(dataSource: DataSource): pg.Pool {
  return (dataSource.driver as unknown as { master: pg.Pool }).master;
}

/**
 * Runs pending migrations while holding an advisory lock, so several replicas (or `docker compose up`
 * racing `npm start`) never migrate at once. Returns the names of the migrations applied.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const lock = await poolOf(dataSource).connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', ['ember:migrate']);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', ['ember:migrate']).catch(() => undefined);
    lock.release();
  }
}

/** Creates the database named in `url` if it does not exist (connects to the `postgres` database). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`).catch((e: { code?: string }) => {
      if (e.code !== '42P04') throw e; // created concurrently
    });
  } finally {
    await client.end();
  }
}
