import type { RecordedEvent } from './event.types.js';

/** Columns selected wherever events are read, in the shape {@link mapEventRow} expects. */
export const EVENT_COLUMNS =
  'position::text AS position, tx_id::text AS tx_id, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at';

export interface EventRow {
  position: string;
  tx_id: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date | string;
}

export function mapEventRow(row: EventRow): RecordedEvent {
  return {
    position: BigInt(row.position),
    txId: row.tx_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
  };
}
