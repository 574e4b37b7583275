import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The quota read models: `quota_limits` (limits admins set; no row = the configured default) and
 * `quota_usages` (what each project holds). Usage of events stored before quotas existed is seeded by
 * {@link QuotaUsageShards1764000000700}, with the usage projection as it is today.
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
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE quota_usages');
    await db.query('DROP TABLE quota_limits');
  }
}
