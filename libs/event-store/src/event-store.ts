import type { Pool, PoolClient } from 'pg';
import { ConcurrencyError, EventIdConflictError } from './event-store.errors.js';
import type {
  AppendResult,
  AppendToStream,
  ExpectedVersion,
  GlobalPosition,
  NewEvent,
  RecordedEvent,
} from './event.types.js';
import type { AppendGuard } from './append-guard.js';
import type { InlineProjection } from './inline-projection.js';
import type { SqlExecutor } from './sql-executor.js';
import { mapEventRow, EVENT_COLUMNS, type EventRow } from './event-row.js';
import { schemaVersionOf } from './event-type.js';
import { chainHashes, GENESIS_HASH, recordedAtSql } from './hashing/event-hash.js';
import { emberUpcasters } from './upcasting/ember-upcasters.js';
import type { UpcasterRegistry } from './upcasting/upcaster-registry.js';
import { AppendNotifier } from './subscription/append-notifier.js';

const UNIQUE_VIOLATION = '23505';
const STREAM_VERSION_KEY = 'events_stream_version_key';

/** Work done inside the append transaction after the events are stored (extra inline writes, checks). */
export type InTransaction = (tx: SqlExecutor, events: RecordedEvent[]) => Promise<void>;

/**
 * Postgres event store: append-only `events` table, optimistic concurrency per stream, idempotent
 * appends by event id, several streams per transaction, append guards and inline projections in the
 * same transaction. Each event stores `hash = sha256(previous hash of its stream ‖ canonical event)`;
 * readers get events upcast to their current shape (the stored form, which the hashes cover, never changes).
 */
export class EventStore {
  private readonly byType = new Map<string, InlineProjection[]>();
  private readonly guardsByType = new Map<string, AppendGuard[]>();
  /** Transactions (pooled clients) that appended events: their readers are woken after COMMIT. */
  private readonly appendedIn = new WeakSet<object>();
  private readonly notifier: AppendNotifier;

  constructor(
    private readonly pool: Pool,
    projections: readonly InlineProjection[] = [],
    guards: readonly AppendGuard[] = [],
    private readonly upcasters: UpcasterRegistry = emberUpcasters(),
  ) {
    this.notifier = new AppendNotifier(pool);
    for (const p of projections) {
      for (const type of p.handles) this.byType.set(type, [...(this.byType.get(type) ?? []), p]);
    }
    for (const g of guards) {
      for (const type of g.handles) this.guardsByType.set(type, [...(this.guardsByType.get(type) ?? []), g]);
    }
  }

  /** Appends to one or more streams atomically; `then` runs in the same transaction before commit. */
  async append(streams: AppendToStream | AppendToStream[], then?: InTransaction): Promise<AppendResult> {
    const list = Array.isArray(streams) ? streams : [streams];
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.transaction((tx) => this.appendIn(tx, list, then));
      } catch (e) {
        // A concurrent retry of the very same append inserted our event ids first: run again, and the
        // idempotency check then answers with the stored events.
        const retryable = isUniqueViolation(e) && (e as { constraint?: string }).constraint === 'events_event_id_key';
        if (!retryable || attempt >= 2) throw e;
      }
    }
  }

  /** Appends inside a caller's transaction (see {@link transaction}). */
  async appendIn(tx: SqlExecutor, streams: AppendToStream[], then?: InTransaction): Promise<AppendResult> {
    const result: AppendResult = { versions: {}, events: [], duplicate: true };
    for (const stream of streams) {
      const { version, recorded, duplicate } = await this.appendStream(tx, stream);
      result.versions[stream.streamId] = version;
      result.events.push(...recorded);
      result.duplicate &&= duplicate;
    }
    if (result.duplicate) return result;
    this.appendedIn.add(tx);
    for (const event of result.events) {
      // Guards see the read models as the earlier events of this append left them.
      for (const guard of this.guardsByType.get(event.type) ?? []) await guard.check(tx, event);
      for (const projection of this.byType.get(event.type) ?? []) await projection.apply(tx, event);
    }
    if (then) await then(tx, result.events);
    return result;
  }

  /** Runs `fn` in one Postgres transaction on a pooled connection. */
  async transaction<T>(fn: (tx: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await fn(client);
      await client.query('COMMIT');
      if (this.appendedIn.has(client)) this.notifier.appended();
      return value;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      this.appendedIn.delete(client);
      client.release();
    }
  }

  /** Every event of a stream in order, from `fromVersion` (exclusive). */
  async readStream(streamId: string, fromVersion = 0, executor: SqlExecutor = this.pool): Promise<RecordedEvent[]> {
    const { rows } = await executor.query<EventRow>({
      name: 'ember_read_stream',
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version`,
      values: [streamId, fromVersion],
    });
    return rows.map((row) => this.toRecorded(row));
  }

  /**
   * Committed events after `after` in `(txId, position)` order (the table's columns: the selected
   * text aliases would sort as text). Only transactions below the current snapshot's xmin are read, so an event whose transaction commits late is never skipped: positions
   * are drawn before commit, transaction order is what readers can trust.
   */
  async readAll(after: GlobalPosition, limit: number, executor: SqlExecutor = this.pool): Promise<RecordedEvent[]> {
    const { rows } = await executor.query<EventRow>({
      name: 'ember_read_all',
      text: `SELECT ${EVENT_COLUMNS} FROM events
              WHERE (tx_id, position) > ($1::xid8, $2::bigint)
                AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
              ORDER BY events.tx_id, events.position LIMIT $3`,
      values: [after.txId, after.position.toString(), limit],
    });
    return rows.map((row) => this.toRecorded(row));
  }

  private async appendStream(tx: SqlExecutor, stream: AppendToStream) {
    const ids = stream.events.map((e) => e.eventId);
    // One round trip: the stream's head (version and hash, to chain from), the ids as Postgres spells
    // them, the time to record (hashed, so chosen here rather than by a column default), and any of our
    // events already stored. UNIQUE(stream_id, stream_version) keeps the chain linear under races.
    const { rows } = await tx.query<AppendCheck>({
      name: 'ember_append_check',
      text: `SELECT coalesce(head.stream_version, 0)::int AS version, head.hash AS head_hash,
                    ${recordedAtSql('clock_timestamp()')} AS recorded_at,
                    (SELECT coalesce(array_agg(u::text ORDER BY o), '{}') FROM unnest($2::uuid[]) WITH ORDINALITY AS i(u, o)) AS ids,
                    (SELECT coalesce(json_agg(e ORDER BY e.position::bigint), '[]'::json) FROM
                       (SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($2::uuid[])) e) AS existing
               FROM (SELECT 1) one
               LEFT JOIN LATERAL (SELECT stream_version, hash FROM events WHERE stream_id = $1
                                   ORDER BY stream_version DESC LIMIT 1) head ON true`,
      values: [stream.streamId, ids],
    });
    const { version, head_hash, recorded_at: recordedAt, ids: storedIds, existing } = rows[0]!;
    if (existing.length > 0) return this.duplicateOf(stream, existing, storedIds, version);
    checkExpected(stream.streamId, stream.expectedVersion, version);
    if (stream.events.length === 0) return { version, recorded: [], duplicate: false };
    const data = stream.events.map((e) => JSON.stringify(e.data));
    const metadata = stream.events.map((e) => JSON.stringify(e.metadata ?? {}));
    // Hash what will be read back: the JSON as jsonb returns it, the uuid as Postgres prints it.
    const hashes = chainHashes(
      head_hash ?? GENESIS_HASH,
      stream.events.map((e, i) => ({
        streamId: stream.streamId,
        streamVersion: version + i + 1,
        eventId: storedIds[i]!,
        type: e.type,
        schemaVersion: schemaVersionOf(e.type),
        data: JSON.parse(data[i]!) as unknown,
        metadata: JSON.parse(metadata[i]!) as unknown,
        recordedAt,
      })),
    );
    try {
      const inserted = await tx.query<EventRow>({
        name: 'ember_append_insert',
        text: `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
               SELECT $1, $2::int + e.ord, e.event_id, e.type, e.schema_version, e.data, e.metadata, $8::timestamptz, e.hash
                 FROM unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[], $9::bytea[])
                      WITH ORDINALITY AS e(event_id, type, schema_version, data, metadata, hash, ord)
               RETURNING ${EVENT_COLUMNS}`,
        values: [
          stream.streamId,
          version,
          ids,
          stream.events.map((e) => e.type),
          stream.events.map((e) => schemaVersionOf(e.type)),
          data,
          metadata,
          recordedAt,
          hashes,
        ],
      });
      const recorded = inserted.rows.map((row) => this.toRecorded(row));
      return { version: version + recorded.length, recorded, duplicate: false };
    } catch (e) {
      if (isUniqueViolation(e) && (e as { constraint?: string }).constraint === STREAM_VERSION_KEY) {
        throw new ConcurrencyError(stream.streamId, describe(stream.expectedVersion), null);
      }
      throw e;
    }
  }

  private duplicateOf(stream: AppendToStream, existing: EventRow[], ids: string[], version: number) {
    // Compared as stored (ids as Postgres spells them, types before upcasting); handed back as readers see them.
    const stored = existing.map(mapEventRow);
    const same =
      stored.length === stream.events.length &&
      stream.events.every((e, i) => stored[i]!.eventId === ids[i] && sameEvent(stored[i]!, stream.streamId, e));
    if (!same) throw new EventIdConflictError(stored[0]!.eventId);
    return { version, recorded: stored.map((e) => this.upcasters.upcast(e)), duplicate: true };
  }

  private toRecorded(row: EventRow): RecordedEvent {
    return this.upcasters.upcast(mapEventRow(row));
  }
}

interface AppendCheck {
  version: number;
  head_hash: Buffer | null;
  recorded_at: string;
  ids: string[];
  existing: EventRow[];
}

function sameEvent(stored: RecordedEvent, streamId: string, e: NewEvent): boolean {
  return stored.streamId === streamId && stored.type === e.type;
}

function checkExpected(streamId: string, expected: ExpectedVersion, actual: number): void {
  if (expected === 'any') return;
  const wanted = expected === 'no_stream' ? 0 : expected;
  if (actual !== wanted) throw new ConcurrencyError(streamId, describe(expected), actual);
}

function describe(expected: ExpectedVersion): string {
  return typeof expected === 'number' ? `version ${expected}` : expected;
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === UNIQUE_VIOLATION;
}
