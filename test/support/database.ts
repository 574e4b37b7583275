import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { DataSource } from 'typeorm';
import pg from 'pg';
import { createDataSource, ensureDatabase, migrate, poolOf } from '#ember/event-store';
import { ENTITIES, MIGRATIONS } from '#ember/platform';

/** A DataSource on the run's fresh database. */
export async function openTestDatabase(poolSize = 10): Promise<{ dataSource: DataSource; pool: pg.Pool; url: string }> {
  const url = inject('databaseUrl');
  const dataSource = createDataSource({ url, migrations: MIGRATIONS, entities: ENTITIES, poolSize });
  await dataSource.initialize();
  return { dataSource, pool: poolOf(dataSource), url };
}

/**
 * A migrated database of its own, for tests that run a whole Ember deployment (a dispatcher reads every
 * event of its database: two deployments sharing one would hand each other's jobs to the wrong worker).
 */
export async function isolatedDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = new URL(inject('databaseUrl'));
  const name = `${url.pathname.slice(1)}_${randomBytes(3).toString('hex')}`;
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  const ds = createDataSource({ url: url.toString(), migrations: MIGRATIONS, entities: ENTITIES, poolSize: 2 });
  await ds.initialize();
  await migrate(ds);
  await ds.destroy();
  const drop = async () => {
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await client.end();
  };
  return { url: url.toString(), drop };
}

/** A stream id unique to one test, so tests share the database without seeing each other's streams. */
export const uniqueStream = (prefix = 'test'): string => `${prefix}-${crypto.randomUUID()}`;
