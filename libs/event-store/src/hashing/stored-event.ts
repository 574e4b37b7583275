import { RECORDED_AT_SQL, type HashedContent } from './event-hash.js';

/** An event row exactly as stored (never upcast): what hashes are computed and checked over. */
export interface StoredEventRow {
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  recorded_at: string;
  hash: Buffer | null;
}

/** Columns selected for {@link StoredEventRow}. */
export const STORED_EVENT_COLUMNS = `stream_id, stream_version, event_id::text AS event_id, type, schema_version, data, metadata,
  ${RECORDED_AT_SQL} AS recorded_at, hash`;

export function toHashedContent(row: StoredEventRow, streamVersion = row.stream_version): HashedContent {
  return {
    streamId: row.stream_id,
    streamVersion,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
