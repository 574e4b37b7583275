-- Scratch tables shaped like Ember's `events` and `snapshots` (same columns, keys and indexes as the
-- migrations; no triggers, no quota rows): the reference write path for the create-snapshot API.
CREATE TABLE events (
  position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tx_id          xid8        NOT NULL DEFAULT pg_current_xact_id(),
  stream_id      text        NOT NULL,
  stream_version integer     NOT NULL CHECK (stream_version > 0),
  event_id       uuid        NOT NULL,
  type           text        NOT NULL,
  schema_version integer     NOT NULL DEFAULT 1,
  data           jsonb       NOT NULL,
  metadata       jsonb       NOT NULL DEFAULT '{}',
  recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  hash           bytea       NOT NULL CHECK (octet_length(hash) = 32),
  CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
  CONSTRAINT events_event_id_key UNIQUE (event_id)
);
CREATE INDEX events_global_order ON events (tx_id, position);
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
);
CREATE INDEX snapshots_project_created ON snapshots (project_id, created_at DESC, id DESC);
CREATE INDEX snapshots_volume ON snapshots (volume_id);
