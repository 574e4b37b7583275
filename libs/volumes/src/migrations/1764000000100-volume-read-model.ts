import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Cinder volume read model, projected inline from volume streams. */
export class VolumeReadModel1764000000100 implements MigrationInterface {
  name = 'VolumeReadModel1764000000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE volumes (
        id                uuid PRIMARY KEY,
        project_id        text    NOT NULL,
        user_id           text    NOT NULL,
        name              text,
        description       text,
        status            text    NOT NULL,
        attach_status     text    NOT NULL DEFAULT 'detached',
        size              integer NOT NULL,
        metadata          jsonb   NOT NULL DEFAULT '{}',
        availability_zone text    NOT NULL,
        volume_type       text    NOT NULL,
        snapshot_id       uuid,
        source_volid      uuid,
        attachments       jsonb   NOT NULL DEFAULT '[]',
        created_at        text    NOT NULL,
        updated_at        text,
        version           integer NOT NULL
      )`);
    await db.query('CREATE INDEX volumes_project_created ON volumes (project_id, created_at DESC, id DESC)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE volumes');
  }
}
