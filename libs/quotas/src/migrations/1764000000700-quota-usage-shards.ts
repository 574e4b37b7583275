import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { RecordedEvent, SqlExecutor } from '#ember/event-store';
import { USAGE_EVENTS } from '../domain/usage-deltas.js';
import { QuotaUsageProjection } from '../infrastructure/quota-usage.projection.js';

/**
 * A project's usage of a resource is spread over up to {@link USAGE_SHARDS} rows, summed on read. One
 * row per (project, resource) made every create in a project queue on that row's lock until COMMIT (WAL
 * flush included): about a thousand creates per second for the whole project, whatever the hardware.
 * Existing usage stays in shard 0. A database whose events predate quotas (no usage yet) gets its usage
 * by running the usage projection over the events already stored.
 */
export class QuotaUsageShards1764000000700 implements MigrationInterface {
  name = 'QuotaUsageShards1764000000700';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE quota_usages ADD COLUMN shard smallint NOT NULL DEFAULT 0');
    await db.query('ALTER TABLE quota_usages DROP CONSTRAINT quota_usages_pkey');
    await db.query('ALTER TABLE quota_usages ADD PRIMARY KEY (project_id, resource, shard)');
    const [{ empty }] = await db.query('SELECT NOT EXISTS (SELECT 1 FROM quota_usages) AS empty');
    if (empty) await replayUsage(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TEMP TABLE quota_usage_totals ON COMMIT DROP AS
        SELECT project_id, resource, sum(in_use)::bigint AS in_use FROM quota_usages GROUP BY project_id, resource`);
    await db.query('DELETE FROM quota_usages');
    await db.query('ALTER TABLE quota_usages DROP CONSTRAINT quota_usages_pkey');
    await db.query('ALTER TABLE quota_usages DROP COLUMN shard');
    await db.query('ALTER TABLE quota_usages ADD PRIMARY KEY (project_id, resource)');
    await db.query('INSERT INTO quota_usages (project_id, resource, in_use) SELECT project_id, resource, in_use FROM quota_usage_totals');
  }
}

async function replayUsage(db: QueryRunner): Promise<void> {
  const tx: SqlExecutor = {
    async query(q: string | { text: string; values?: unknown[] }, values?: unknown[]) {
      const { text, values: params } = typeof q === 'string' ? { text: q, values } : q;
      const result = await db.query(text, params, true);
      return { rows: result.records, rowCount: result.affected ?? null };
    },
  };
  const projection = new QuotaUsageProjection();
  let after = 0;
  for (;;) {
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT position, stream_id, stream_version, type, data FROM events
        WHERE type = ANY($1) AND position > $2 ORDER BY position LIMIT 1000`,
      [USAGE_EVENTS, after],
    );
    for (const row of rows) {
      const event = { streamId: row.stream_id, streamVersion: row.stream_version, type: row.type, data: row.data };
      await projection.apply(tx, event as unknown as RecordedEvent);
    }
    if (rows.length < 1000) return;
    after = Number(rows.at(-1)!.position);
  }
}
