import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Cinder snapshot read model, projected inline from snapshot streams. */
export class SnapshotReadModel1764000000200 implements MigrationInterface {
  name = 'SnapshotReadModel1764000000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE snapshots (
        id                uuid PRIMARY KEY,
        project_id        text    NOT NULL,
        user_id           text    NOT NULL,
        volume_id         uuid    NOT NULL,
        name              text,
        description       text,
        status            text    NOT NULL,
        progress          text    NOT NULL,
        size              integer NOT NULL,
        metadata          jsonb   NOT NULL DEFAULT '{}',
        consumes_quota    boolean NOT NULL DEFAULT true,
        group_snapshot_id uuid,
        bytes             bigint,
        allocated_bytes   bigint,
        checksum          text,
        created_at        text    NOT NULL,
        updated_at        text,
        version           integer NOT NULL
      )`);
    await db.query('CREATE INDEX snapshots_project_created ON snapshots (project_id, created_at DESC, id DESC)');
    await db.query('CREATE INDEX snapshots_volume ON snapshots (volume_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE snapshots');
  }
}
