import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for snapshot lists: the default order across projects (admin `all_tenants`; per project the
 * read model's `snapshots_project_created` serves) and metadata containment (`metadata @> …`).
 */
export class SnapshotListIndexes1764000000410 implements MigrationInterface {
  name = 'SnapshotListIndexes1764000000410';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE INDEX snapshots_created ON snapshots (created_at DESC, id DESC)');
    await db.query('CREATE INDEX snapshots_metadata ON snapshots USING gin (metadata jsonb_path_ops)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX snapshots_metadata');
    await db.query('DROP INDEX snapshots_created');
  }
}
