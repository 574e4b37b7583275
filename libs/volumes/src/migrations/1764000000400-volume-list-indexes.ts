import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for volume lists: the default order across projects (admin `all_tenants`; per project the
 * read model's `volumes_project_created` serves) and metadata containment (`metadata @> …`).
 */
export class VolumeListIndexes1764000000400 implements MigrationInterface {
  name = 'VolumeListIndexes1764000000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE INDEX volumes_created ON volumes (created_at DESC, id DESC)');
    await db.query('CREATE INDEX volumes_metadata ON volumes USING gin (metadata jsonb_path_ops)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX volumes_metadata');
    await db.query('DROP INDEX volumes_created');
  }
}
