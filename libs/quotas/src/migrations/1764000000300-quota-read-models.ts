import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { RecordedEvent, SqlExecutor } from '#ember/event-store';
import { USAGE_EVENTS } from '../domain/usage-deltas.js';
import { QuotaUsageProjection } from '../infrastructure/quota-usage.projection.js';

/**
 * The quota read models: `quota_limits` (limits admins set; no row = the configured default) and
 * `quota_usages` (what each project holds). A database that had volumes and snapshots before quotas
 * gets its usage by replaying the usage projection over the events already stored.
 */
export class QuotaReadModels1764000000300 implements MigrationInterface {
  name = 'QuotaReadModels1764000000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE quota_limits (
        project_id text    NOT NULL,
        resource   text    NOT NULL,
        hard_limit integer NOT NULL CHECK (hard_limit >= -1),
        updated_at text    NOT NULL,
        PRIMARY KEY (project_id, resource)
      )`);
    await db.query(`
      CREATE TABLE quota_usages (
        project_id text   NOT NULL,
        resource   text   NOT NULL,
        in_use     bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (project_id, resource)
      )`);
    await replayUsage(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE quota_usages');
    await db.query('DROP TABLE quota_limits');
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
