-- Diagnostic: the statements one POST /snapshots runs against Postgres (read from the handler, the
-- event store, the quota guard and the inline projections), on a migrated Ember database, every
-- client in ONE project (as the API benchmark): the events trigger (pg_notify), the project's quota
-- advisory lock and its two hot quota_usages rows, held from the admission to COMMIT.
-- {{VOL}} and {{PROJ}} are filled in by the bench (a volume row it inserts, one project).
\set r random(1, 2000000000)
SELECT position, stream_id, stream_version, event_id::text, type, data, metadata FROM events WHERE stream_id = 'volume-{{VOL}}' AND stream_version > 0 ORDER BY stream_version;
BEGIN;
SELECT status FROM volumes WHERE id = '{{VOL}}' FOR SHARE;
SELECT coalesce(head.stream_version, 0)::int AS version, head.hash, clock_timestamp() AS recorded_at
  FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT stream_version, hash FROM events WHERE stream_id = 'snapshot-' || :client_id || '-' || :r ORDER BY stream_version DESC LIMIT 1) head ON true;
INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
VALUES ('snapshot-' || :client_id || '-' || :r, 1, gen_random_uuid(), 'snapshot.requested.v1', 1,
  {{DATA}},
  {{META}},
  clock_timestamp(), sha256(convert_to(clock_timestamp()::text, 'UTF8')))
  RETURNING position, tx_id;
SELECT pg_advisory_xact_lock_shared(1364549460, hashtext('{{PROJ}}')),
       coalesce((SELECT hard_limit FROM quota_limits WHERE project_id = '{{PROJ}}' AND resource = 'per_volume_gigabytes'), -1);
INSERT INTO quota_usages AS u (project_id, resource, in_use) VALUES ('{{PROJ}}', 'gigabytes', 0)
  ON CONFLICT (project_id, resource) DO UPDATE SET in_use = u.in_use RETURNING u.in_use;
INSERT INTO quota_usages AS u (project_id, resource, in_use) VALUES ('{{PROJ}}', 'snapshots', 0)
  ON CONFLICT (project_id, resource) DO UPDATE SET in_use = u.in_use RETURNING u.in_use;
INSERT INTO snapshots (id, project_id, user_id, volume_id, name, description, status, progress, size, metadata, created_at, version)
VALUES (gen_random_uuid(), '{{PROJ}}', 'bench', '{{VOL}}', NULL, NULL, 'creating', '0%', 1, '{}', {{CREATED}}, 1);
INSERT INTO quota_usages AS u (project_id, resource, in_use) VALUES ('{{PROJ}}', 'gigabytes', 1), ('{{PROJ}}', 'snapshots', 1)
  ON CONFLICT (project_id, resource) DO UPDATE SET in_use = u.in_use + excluded.in_use;
END;
