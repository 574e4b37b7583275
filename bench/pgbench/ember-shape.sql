-- Diagnostic: the statements one POST /snapshots runs against Postgres (read from the handler, the
-- event store, the quota guard and the inline projections), on a migrated Ember database, every
-- client in ONE project (as the API benchmark), with quotas lifted (-1): the blind insert of the new
-- stream's event (no rows back), which itself checks that the volume's row is still at the version the
-- API remembers and holds it FOR SHARE (ember_fresh), the quota admission (ember_quota_admit: the project's quota lock shared, the
-- limits read), the snapshot row, the usage added to the connection's shard.
-- The API sends them in one round trip, for several creates at once (group commit); pgbench sends them
-- one by one (-M prepared), one create per transaction. The stream id is a random uuid: a random integer
-- per client collided once in a run (a unique-key error that aborts pgbench). {{VOL}} and {{PROJ}} are filled in by the bench (a volume row it inserts, one project).
BEGIN;
INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
SELECT 'snapshot-' || gen_random_uuid(), 1, gen_random_uuid(), 'snapshot.requested.v1', 1,
  {{DATA}},
  {{META}},
  clock_timestamp(), sha256(convert_to(clock_timestamp()::text, 'UTF8'))
 WHERE ember_fresh((SELECT version FROM volumes WHERE id = '{{VOL}}' FOR SHARE) IS NOT DISTINCT FROM 2,
                   'volume {{VOL}} is no longer at version 2');
SELECT ember_quota_admit('{{PROJ}}', '{gigabytes,snapshots}', '{gigabytes___DEFAULT__,snapshots___DEFAULT__}',
                         '{1,1}', '{1000,10}', NULL);
INSERT INTO snapshots (id, project_id, user_id, volume_id, name, description, status, progress, size, metadata, consumes_quota, created_at, version)
VALUES (gen_random_uuid(), '{{PROJ}}', 'bench', '{{VOL}}', NULL, NULL, 'creating', '0%', 1, '{}', true, {{CREATED}}, 1);
INSERT INTO quota_usages AS u (project_id, resource, shard, in_use)
VALUES ('{{PROJ}}', 'gigabytes', pg_backend_pid() % 16, 1), ('{{PROJ}}', 'snapshots', pg_backend_pid() % 16, 1)
  ON CONFLICT (project_id, resource, shard) DO UPDATE SET in_use = u.in_use + excluded.in_use;
END;
