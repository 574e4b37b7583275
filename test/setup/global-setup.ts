import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDataSource, ensureDatabase, migrate } from '#ember/event-store';
import { ENTITIES, MIGRATIONS } from '#ember/platform';

/**
 * One fresh database (and one Redis key prefix) per test run, migrated once, dropped at the end.
 * Tests read them through `inject('databaseUrl')` / `inject('queuePrefix')` or the environment.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = new URL(process.env.EMBER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `ember_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  const ds = createDataSource({ url: url.toString(), migrations: MIGRATIONS, entities: ENTITIES, poolSize: 2 });
  await ds.initialize();
  await migrate(ds);
  await ds.destroy();

  const queuePrefix = `ember-test-${name.slice('ember_test_'.length)}`;
  process.env.DATABASE_URL = url.toString();
  process.env.EMBER_QUEUE_PREFIX = queuePrefix;
  project.provide('databaseUrl', url.toString());
  project.provide('queuePrefix', queuePrefix);

  return async () => {
    if (process.env.EMBER_KEEP_TEST_DB) return;
    await dropQueues(queuePrefix);
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    queuePrefix: string;
  }
}

/** Removes the run's BullMQ keys (every queue prefix used by the run starts with `queuePrefix`). */
async function dropQueues(queuePrefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
