import { inject } from 'vitest';
import type { DataSource } from 'typeorm';
import type pg from 'pg';
import { createDataSource, poolOf } from '#ember/event-store';
import { ENTITIES, MIGRATIONS } from '#ember/platform';

/** A DataSource on the run's fresh database. */
export async function openTestDatabase(poolSize = 10): Promise<{ dataSource: DataSource; pool: pg.Pool; url: string }> {
  const url = inject('databaseUrl');
  const dataSource = createDataSource({ url, migrations: MIGRATIONS, entities: ENTITIES, poolSize });
  await dataSource.initialize();
  return { dataSource, pool: poolOf(dataSource), url };
}

/** A stream id unique to one test, so tests share the database without seeing each other's streams. */
export const uniqueStream = (prefix = 'test'): string => `${prefix}-${crypto.randomUUID()}`;
