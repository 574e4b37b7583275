-- Diagnostic: the statements one POST /snapshots runs against Postgres (read from the handler, the
-- event store, the quota guard and the inline projections), on a migrated Ember database, every
-- client in ONE project (as the API benchmark), with quotas lifted (-1): the volume's stream read with
-- its row held FOR SHARE, the blind insert of the new stream's event, the project's quota lock
-- (shared) and limits read, the snapshot row, the usage added to the connection's shard.
-- The API pipelines these in three round trips; pgbench sends them one by one (-M prepared).
-- {{VOL}} and {{PROJ}} are filled in by the bench (a volume row it inserts, one project).
\set r random(1, 2000000000)
BEGIN;
WITH side AS (SELECT status FROM volumes WHERE id = '{{VOL}}' FOR SHARE)
SELECT (SELECT to_jsonb(side) FROM side) AS side, position::text, tx_id::text, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at
  FROM events WHERE stream_id = 'volume-{{VOL}}' ORDER BY stream_version;
INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
VALUES ('snapshot-' || :client_id || '-' || :r, 1, gen_random_uuid(), 'snapshot.requested.v1', 1,
  {{DATA}},
  {{META}},
  clock_timestamp(), sha256(convert_to(clock_timestamp()::text, 'UTF8')))
  RETURNING position, tx_id;
SELECT pg_advisory_xact_lock_shared(1364549460, hashtext('{{PROJ}}'));
SELECT resource, hard_limit FROM quota_limits WHERE project_id = '{{PROJ}}'
   AND resource = ANY('{per_volume_gigabytes,gigabytes,gigabytes___DEFAULT__,snapshots,snapshots___DEFAULT__}');
INSERT INTO snapshots (id, project_id, user_id, volume_id, name, description, status, progress, size, metadata, consumes_quota, created_at, version)
VALUES (gen_random_uuid(), '{{PROJ}}', 'bench', '{{VOL}}', NULL, NULL, 'creating', '0%', 1, '{}', true, {{CREATED}}, 1);
INSERT INTO quota_usages AS u (project_id, resource, shard, in_use)
VALUES ('{{PROJ}}', 'gigabytes', pg_backend_pid() % 16, 1), ('{{PROJ}}', 'snapshots', pg_backend_pid() % 16, 1)
  ON CONFLICT (project_id, resource, shard) DO UPDATE SET in_use = u.in_use + excluded.in_use;
END;
