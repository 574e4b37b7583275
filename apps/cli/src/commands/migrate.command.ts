import { createDataSource, ensureDatabase, migrate } from '#ember/event-store';
import { ENTITIES, MIGRATIONS } from '#ember/platform';
import type { EmberConfig } from '#ember/config';

/** `ember migrate`: creates the database if needed and applies pending migrations (safe to run concurrently). */
export async function migrateCommand(config: EmberConfig): Promise<number> {
  await ensureDatabase(config.databaseUrl);
  const ds = createDataSource({ url: config.databaseUrl, migrations: MIGRATIONS, entities: ENTITIES, poolSize: 2 });
  await ds.initialize();
  try {
    const applied = await migrate(ds);
    const where = new URL(config.databaseUrl);
    console.log(
      applied.length === 0
        ? `ember migrate: ${where.host}${where.pathname} is up to date`
        : `ember migrate: applied ${applied.join(', ')} to ${where.host}${where.pathname}`,
    );
    return 0;
  } finally {
    await ds.destroy();
  }
}
