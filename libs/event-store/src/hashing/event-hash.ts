import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** What a stream's first event chains from: 32 zero bytes. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/**
 * The stored fields an event's hash covers: everything a reader is told about the event except the
 * global order (`position`, `tx_id`), which Postgres assigns at insert and the seals cover instead.
 * Values are the stored form (jsonb as read back, uuid in Postgres' spelling, `recordedAt` as
 * {@link RECORDED_AT_SQL} renders it), never an upcast one.
 */
export interface HashedContent {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
}

/** `recorded_at` as hashed: UTC, microseconds, e.g. `2026-11-26T17:01:02.123456Z` (round-trips through timestamptz). */
export const recordedAtSql = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
export const RECORDED_AT_SQL = recordedAtSql('recorded_at');

/** The canonical bytes of an event, as hashed. */
export function canonicalEvent(e: HashedContent): string {
  const { streamId, streamVersion, eventId, type, schemaVersion, data, metadata, recordedAt } = e;
  return canonicalJson({ streamId, streamVersion, eventId, type, schemaVersion, data, metadata, recordedAt });
}

/** `sha256(previous event's hash in the stream ‖ canonical JSON of this event)`. */
export function eventHash(previous: Buffer, e: HashedContent | string): Buffer {
  const text = typeof e === 'string' ? e : canonicalEvent(e);
  return createHash('sha256').update(previous).update(text, 'utf8').digest();
}

/** Hashes a stream's events in order, the first chained from `previous` (GENESIS for version 1). */
export function chainHashes(previous: Buffer, events: readonly HashedContent[]): Buffer[] {
  const hashes: Buffer[] = [];
  for (const e of events) hashes.push((previous = eventHash(previous, e)));
  return hashes;
}
