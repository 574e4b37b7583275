-- One transaction = one event + one read-model row, as a snapshot request needs at minimum.
-- {{DATA}}/{{META}}: a real snapshot.requested.v1 event (data 293 B, metadata 333 B as jsonb text),
-- filled in by bench/workloads/pgbench.mjs as E'' literals (pgbench would take ':name' for a variable).
BEGIN;
INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
VALUES ('snapshot-' || gen_random_uuid(), 1, gen_random_uuid(), 'snapshot.requested.v1', 1,
  {{DATA}},
  {{META}},
  clock_timestamp(), sha256(convert_to(clock_timestamp()::text, 'UTF8')));
INSERT INTO snapshots (id, project_id, user_id, volume_id, name, description, status, progress, size, metadata, created_at, version)
VALUES (gen_random_uuid(), '93a4e779a84f544e0d651b71bbb7a117', 'bench', 'c5a9b0d7-15ba-4ce1-9af1-4a17849c3c58', NULL, NULL,
  'creating', '0%', 1, '{}', {{CREATED}}, 1);
END;
