import type { Pool } from 'pg';
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
import { microsNow } from './clock.js';
import { expectOk, PipelinedTransaction } from './pipelined-transaction.js';
import { GroupCommit, type GroupCommitOptions, type TransactionOutcome } from './group-commit.js';
import { chainHashes, GENESIS_HASH, recordedAtSql, type HashedContent } from './hashing/event-hash.js';
import { emberUpcasters } from './upcasting/ember-upcasters.js';
import type { UpcasterRegistry } from './upcasting/upcaster-registry.js';
import { AppendNotifier } from './subscription/append-notifier.js';
import { COMMITTED_HORIZON_SQL } from './subscription/committed-horizon.js';

const UNIQUE_VIOLATION = '23505';

const STREAM_VERSION_KEY = 'events_stream_version_key';

/**
 * A condition an append checks in Postgres, in the statement that inserts its events: SQL that raises
 * (e.g. with `ember_fresh`) when it does not hold, over parameters numbered from the `first` it is
 * given. `name` identifies the SQL (the statement is prepared under a name derived from it).
 */
export interface AppendCondition {
  readonly name: string;
  sql(first: number): string;
  readonly values: readonly unknown[];
}

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
  private readonly groups: GroupCommit;

  constructor(
    private readonly pool: Pool,
    projections: readonly InlineProjection[] = [],
    guards: readonly AppendGuard[] = [],
    private readonly upcasters: UpcasterRegistry = emberUpcasters(),
    groupCommit: GroupCommitOptions = { maxUnits: 64, maxInFlight: 2 },
  ) {
    this.notifier = new AppendNotifier(pool);
    this.groups = new GroupCommit((work) => this.attempt(work), groupCommit);
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
        // New streams are first inserted blind (one statement); every retry reads what is stored first.
        // Without `then`, nothing waits inside the transaction: an existing stream's insert, its guards
        // and projections travel with COMMIT, and the stored events are read from the insert's answer.
        const issued = await this.transaction((tx) => this.appendAll(tx, list, then, attempt === 0, then !== undefined));
        return await issued.stored;
      } catch (e) {
        // A concurrent retry of the very same append inserted our event ids first, or a blind insert met
        // a stream that exists (maybe holding these very events): run again, checked, and the idempotency
        // check answers with the stored events (or the real conflict).
        const idTaken = isUniqueViolation(e) && (e as { constraint?: string }).constraint === 'events_event_id_key';
        const blindConflict = attempt === 0 && e instanceof ConcurrencyError && list.some(isNewStream);
        if (!(idTaken || blindConflict) || attempt >= 2) throw e;
      }
    }
  }

  /**
   * Appends inside a caller's transaction (see {@link transaction}). A `no_stream` append is inserted
   * blind: if the stream exists, even holding these very events, it fails with a ConcurrencyError and
   * the caller's transaction is aborted (use {@link append} for idempotent retries of new streams).
   */
  async appendIn(tx: SqlExecutor, streams: AppendToStream[], then?: InTransaction): Promise<AppendResult> {
    return (await this.appendAll(tx, streams, then, true, true)).stored;
  }

  /**
   * New streams (`no_stream`) inside a caller's transaction, nothing waited for: in a pipelined
   * transaction the inserts, the guards' checks and the projections' writes ride with its next batch
   * (its COMMIT, when the caller waits for nothing else), so a whole create takes one round trip.
   * Answers the events as they will be read back, but for their global position (`-1n`, `txId` empty:
   * Postgres draws them at the insert). Failures (the stream exists: ConcurrencyError; a guard's
   * refusal; ...) are thrown by the transaction's commit. Guards that must read before deciding still
   * wait for their reads. A `condition` is checked by the first stream's insert itself (no statement
   * of its own): when it raises, nothing is stored.
   */
  async appendNewIn(tx: SqlExecutor, streams: AppendToStream[], condition?: AppendCondition): Promise<RecordedEvent[]> {
    const notNew = streams.find((s) => !isNewStream(s));
    if (notNew) throw new Error(`appendNewIn: ${notNew.streamId} is not a new stream of new events`);
    const firsts = streams.map((stream) => this.firstEventsOf(stream));
    firsts.forEach(({ ids, recordedAt, hashes, data, metadata }, i) => {
      const query = insertQuery(streams[i]!, 0, ids, recordedAt, hashes, data, metadata, false, i === 0 ? condition : undefined);
      void expectOk(tx, query, (e) => insertError(e, streams[i]!));
    });
    this.appendedIn.add(tx);
    const events = firsts.flatMap((f) => f.provisional);
    await this.applyInline(tx, events);
    return events;
  }

  /**
   * Issues an append in `tx`. Streams that exist are checked first (one round trip: their heads, and any
   * of these events already stored); then their inserts, guards and projections are issued together,
   * projections seeing the events as they will be stored but for their global position. With `settle`
   * (the caller goes on in the transaction) they are waited for here; otherwise they ride with the
   * caller's next batch (COMMIT) and `stored` answers once the inserts have answered.
   */
  private async appendAll(
    tx: SqlExecutor, streams: AppendToStream[], then: InTransaction | undefined, blind: boolean, settle: boolean,
  ): Promise<{ stored: Promise<AppendResult> }> {
    if (blind && streams.every(isNewStream)) return { stored: Promise.resolve(await this.appendNewStreams(tx, streams, then)) };
    const checked: Checked[] = [];
    for (const stream of streams) checked.push(await this.appendStream(tx, stream));
    const duplicate = checked.every((c) => c.duplicate);
    const stored = Promise.all(checked.map((c) => c.stored)).then((all) => {
      const result: AppendResult = { versions: {}, events: [], duplicate };
      streams.forEach((stream, i) => {
        result.versions[stream.streamId] = all[i]!.version;
        result.events.push(...all[i]!.recorded);
      });
      return result;
    });
    stored.catch(() => undefined); // a failed insert is what the transaction's commit throws
    if (duplicate) return { stored };
    this.appendedIn.add(tx);
    await this.applyInline(tx, checked.flatMap((c) => c.provisional));
    if (!settle && tx instanceof PipelinedTransaction) return { stored };
    await settled(tx);
    if (then) await then(tx, (await stored).events);
    return { stored };
  }

  /**
   * New streams only: their inserts, guards and projections are issued without waiting for the inserts'
   * answers (guards and projections see the events as they will be stored, but for the global position
   * Postgres draws), so a pipelined transaction sends them together. An insert that fails is what the
   * caller sees, not the aborted-transaction errors it causes after it.
   */
  private async appendNewStreams(tx: SqlExecutor, streams: AppendToStream[], then: InTransaction | undefined): Promise<AppendResult> {
    const firsts = streams.map((stream) => this.firstEventsOf(stream));
    const inserted = Promise.all(
      firsts.map(({ ids, recordedAt, hashes, data, metadata }, i) => this.insert(tx, streams[i]!, 0, ids, recordedAt, hashes, data, metadata)),
    );
    inserted.catch(() => undefined);
    this.appendedIn.add(tx);
    try {
      await this.applyInline(tx, firsts.flatMap((f) => f.provisional));
    } catch (e) {
      await inserted; // throws the insert's own error first, if one failed
      throw e;
    }
    const stored = await inserted;
    await settled(tx);
    const result: AppendResult = { versions: {}, events: [], duplicate: false };
    streams.forEach((stream, i) => {
      result.versions[stream.streamId] = stored[i]!.version;
      result.events.push(...stored[i]!.recorded);
    });
    if (then) await then(tx, result.events);
    return result;
  }

  /** Guards, then projections, event by event: guards see the read models as earlier events left them. */
  private async applyInline(tx: SqlExecutor, events: RecordedEvent[]): Promise<void> {
    // Projections' writes ride with the next statement waited for (COMMIT, at the latest).
    const writer = tx instanceof PipelinedTransaction ? tx.deferringWrites() : tx;
    for (const event of events) {
      for (const guard of this.guardsByType.get(event.type) ?? []) await guard.check(tx, event);
      for (const projection of this.byType.get(event.type) ?? []) await projection.apply(writer, event);
    }
  }

  /**
   * Runs `fn` in one Postgres transaction on a pooled connection, pipelined: statements travel together
   * until one is waited for (see {@link PipelinedTransaction}), BEGIN with the first of them.
   */
  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx = new PipelinedTransaction(client);
    try {
      tx.begin();
      const value = await fn(tx);
      await tx.commit();
      if (this.appendedIn.has(tx)) this.notifier.appended();
      return value;
    } catch (e) {
      // Through the transaction: statements issued but not yet sent go first (an unsent batch would
      // otherwise hold the ROLLBACK back forever).
      await tx.rollback();
      throw e;
    } finally {
      this.appendedIn.delete(tx);
      client.release();
    }
  }

  /**
   * Runs `work` in a transaction shared with other concurrent callers' (group commit: one BEGIN, one
   * COMMIT, one write for all; see {@link GroupCommit}). `work` runs again alone when the group's
   * transaction fails, so it must be safe to run twice and write only through `tx`; it should wait for
   * no answer (as {@link appendNewIn}), or the group waits with it.
   */
  grouped<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.groups.run(work);
  }

  /** {@link transaction}, answering how it ended: a failure says whether COMMIT went unanswered. */
  private async attempt<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<TransactionOutcome<T>> {
    let used: PipelinedTransaction | undefined;
    try {
      return { value: await this.transaction((tx) => work((used = tx as PipelinedTransaction))) };
    } catch (error) {
      return { error, maybeCommitted: used?.outcomeUnknown ?? false };
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
   * A stream's events and, in the same statement, one row of `side` (its SQL sees the stream id as $1 and
   * its own values from $2): e.g. a read-model row locked FOR SHARE beside the stream it was folded from.
   * `side` is null when it has no row; both are empty when the stream is.
   */
  async readStreamWith(
    executor: SqlExecutor,
    streamId: string,
    side: { name: string; sql: string; values: unknown[] },
  ): Promise<{ events: RecordedEvent[]; side: Record<string, unknown> | null }> {
    const { rows } = await executor.query<EventRow & { side: Record<string, unknown> | null }>({
      name: side.name,
      text: `WITH side AS (${side.sql})
             SELECT (SELECT to_jsonb(side) FROM side) AS side, ${EVENT_COLUMNS}
               FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      values: [streamId, ...side.values],
    });
    return { events: rows.map((row) => this.toRecorded(row)), side: rows[0]?.side ?? null };
  }

  /**
   * Committed events after `after` in `(txId, position)` order (the table's columns: the selected text
   * aliases would sort as text). Positions are drawn before commit, so a transaction that commits late
   * can hold an event below ones already committed: only events below the **horizon** are handed out,
   * the oldest transaction id still in progress that could append here. That is every in-progress
   * transaction of the snapshot except those positively known to belong to another database (their
   * xids are cluster-wide, and a long transaction in another database must not stall Ember's readers);
   * one not found any more in `pg_stat_activity` counts as ours. An event is thus never skipped.
   */
  async readAll(after: GlobalPosition, limit: number, executor: SqlExecutor = this.pool): Promise<RecordedEvent[]> {
    const { rows } = await executor.query<EventRow>({
      name: 'ember_read_all',
      text: `SELECT ${EVENT_COLUMNS} FROM events
              WHERE (tx_id, position) > ($1::xid8, $2::bigint) AND tx_id < ${COMMITTED_HORIZON_SQL}
              ORDER BY events.tx_id, events.position LIMIT $3`,
      values: [after.txId, after.position.toString(), limit],
    });
    return rows.map((row) => this.toRecorded(row));
  }

  private async appendStream(tx: SqlExecutor, stream: AppendToStream): Promise<Checked> {
    const ids = stream.events.map((e) => e.eventId);
    // One round trip: the stream's head (version and hash, to chain from), the ids as Postgres spells
    // them, the time to record (hashed, so chosen here rather than by a column default; never before the
    // head's, which a writer's own clock may have set ahead: see firstEventsOf), and any of our events
    // already stored. UNIQUE(stream_id, stream_version) keeps the chain linear under races.
    const { rows } = await tx.query<AppendCheck>({
      name: 'ember_append_check',
      text: `SELECT coalesce(head.stream_version, 0)::int AS version, head.hash AS head_hash,
                    ${recordedAtSql('greatest(clock_timestamp(), head.recorded_at)')} AS recorded_at,
                    (SELECT coalesce(array_agg(u::text ORDER BY o), '{}') FROM unnest($2::uuid[]) WITH ORDINALITY AS i(u, o)) AS ids,
                    (SELECT coalesce(json_agg(e ORDER BY e.position::bigint), '[]'::json) FROM
                       (SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($2::uuid[])) e) AS existing
               FROM (SELECT 1) one
               LEFT JOIN LATERAL (SELECT stream_version, hash, recorded_at FROM events WHERE stream_id = $1
                                   ORDER BY stream_version DESC LIMIT 1) head ON true`,
      values: [stream.streamId, ids],
    });
    const { version, head_hash, recorded_at: recordedAt, ids: storedIds, existing } = rows[0]!;
    if (existing.length > 0) return nothingToInsert(this.duplicateOf(stream, existing, storedIds, version));
    checkExpected(stream.streamId, stream.expectedVersion, version);
    if (stream.events.length === 0) return nothingToInsert({ version, recorded: [], duplicate: false });
    const data = stream.events.map((e) => JSON.stringify(e.data));
    const metadata = stream.events.map((e) => JSON.stringify(e.metadata ?? {}));
    const contents = storedContents(stream, version, storedIds, recordedAt, data, metadata);
    const hashes = chainHashes(head_hash ?? GENESIS_HASH, contents);
    const stored = this.insert(tx, stream, version, storedIds, recordedAt, hashes, data, metadata);
    // Pipelined: also thrown by whoever waits next in the transaction. Otherwise one statement at a time.
    if (tx instanceof PipelinedTransaction) stored.catch(() => undefined);
    else await stored;
    return { duplicate: false, stored, provisional: this.provisionalOf(contents, recordedAt) };
  }

  /**
   * A new stream's events (`no_stream`, ids as Postgres prints them), ready for one insert statement:
   * nothing to chain from (GENESIS) and nothing to read first. The time recorded is this process's clock
   * (the hash covers it, so it is chosen before the insert); later events of the stream are never
   * recorded before it, whatever Postgres's clock says. A stream that exists after all fails the
   * stream-version key (a ConcurrencyError); ids already stored fail the event-id key, and {@link append}
   * then retries through the checked path, which answers an idempotent retry with the stored events.
   */
  private firstEventsOf(stream: AppendToStream) {
    const recordedAt = microsNow();
    const ids = stream.events.map((e) => e.eventId);
    const data = stream.events.map((e) => JSON.stringify(e.data));
    const metadata = stream.events.map((e) => JSON.stringify(e.metadata ?? {}));
    const contents = storedContents(stream, 0, ids, recordedAt, data, metadata);
    const hashes = chainHashes(GENESIS_HASH, contents);
    return { ids, recordedAt, hashes, data, metadata, provisional: this.provisionalOf(contents, recordedAt) };
  }

  /**
   * What guards and projections see of events before their insert has answered: the stored form (as
   * hashed), upcast as readers get it, but for the global position (`-1n`, `txId` empty) Postgres draws.
   */
  private provisionalOf(contents: HashedContent[], recordedAt: string): RecordedEvent[] {
    const at = new Date(recordedAt);
    return contents.map((c) =>
      this.upcasters.upcast({
        position: -1n, txId: '', streamId: c.streamId, streamVersion: c.streamVersion, eventId: c.eventId, type: c.type,
        schemaVersion: c.schemaVersion, data: c.data as Record<string, unknown>, metadata: c.metadata as Record<string, unknown>,
        recordedAt: at,
      }),
    );
  }



  private async insert(
    tx: SqlExecutor, stream: AppendToStream, version: number, ids: string[], recordedAt: string, hashes: Buffer[], data: string[], metadata: string[],
  ) {
    const query = insertQuery(stream, version, ids, recordedAt, hashes, data, metadata);
    try {
      // In a pipelined transaction the translated failure is also what a later COMMIT throws.
      const inserted = await (tx instanceof PipelinedTransaction ? tx.query<EventRow>(query, undefined, (e) => insertError(e, stream)) : tx.query<EventRow>(query));
      const recorded = inserted.rows.map((row) => this.toRecorded(row));
      return { version: version + recorded.length, recorded, duplicate: false };
    } catch (e) {
      throw insertError(e, stream);
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

type Stored = { version: number; recorded: RecordedEvent[]; duplicate: boolean };

/** One stream of an append, checked: its insert issued (or nothing to insert), and the events projections see meanwhile. */
interface Checked {
  duplicate: boolean;
  stored: Promise<Stored>;
  provisional: RecordedEvent[];
}

const nothingToInsert = (stored: Stored): Checked => ({ duplicate: stored.duplicate, stored: Promise.resolve(stored), provisional: [] });

interface AppendCheck {
  version: number;
  head_hash: Buffer | null;
  recorded_at: string;
  ids: string[];
  existing: EventRow[];
}

/**
 * The events as they will be read back, which is what their hashes cover: the JSON as jsonb returns
 * it, the ids as Postgres prints them, the time as recorded.
 */
function storedContents(
  stream: AppendToStream, version: number, ids: string[], recordedAt: string, data: string[], metadata: string[],
): HashedContent[] {
  return stream.events.map((e, i) => ({
    streamId: stream.streamId,
    streamVersion: version + i + 1,
    eventId: ids[i]!,
    type: e.type,
    schemaVersion: schemaVersionOf(e.type),
    data: JSON.parse(data[i]!) as unknown,
    metadata: JSON.parse(metadata[i]!) as unknown,
    recordedAt,
  }));
}

/** Ids exactly as Postgres prints a uuid, so that the hash computed before the insert is the stored one's. */
const PG_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function isNewStream(stream: AppendToStream): boolean {
  return stream.expectedVersion === 'no_stream' && stream.events.length > 0 && stream.events.every((e) => PG_UUID.test(e.eventId));
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

/** Guards' checks answered: what {@link EventStore.appendIn} promises when it returns (see {@link EventStore.appendNewIn}). */
async function settled(tx: SqlExecutor): Promise<void> {
  if (tx instanceof PipelinedTransaction) await tx.settle();
}

/** The insert statements' SQL by statement name (a condition's name stands for its SQL). */
const INSERT_SQL = new Map<string, string>();

/**
 * The statement that stores a stream's events after `version` (hashed and timed by the caller), and
 * answers them as stored unless `returning` is false (nobody reads them: no rows to send and parse).
 * A `condition` is evaluated by the statement before it stores anything. One event (a create's) goes
 * as plain parameters; several as arrays, unnested in order.
 */
function insertQuery(
  stream: AppendToStream, version: number, ids: string[], recordedAt: string, hashes: Buffer[], data: string[], metadata: string[],
  returning = true, condition?: AppendCondition,
) {
  const one = stream.events.length === 1;
  const name = `ember_append_insert${one ? '_one' : ''}${returning ? '' : '_quiet'}${condition ? `_if_${condition.name}` : ''}`;
  let text = INSERT_SQL.get(name);
  if (text === undefined) {
    const rows = one
      ? `SELECT $1, $2::int + 1, $3::uuid, $4::text, $5::int, $6::jsonb, $7::jsonb, $8::timestamptz, $9::bytea`
      : `SELECT $1, $2::int + e.ord, e.event_id, e.type, e.schema_version, e.data, e.metadata, $8::timestamptz, e.hash
           FROM unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[], $9::bytea[])
                WITH ORDINALITY AS e(event_id, type, schema_version, data, metadata, hash, ord)`;
    text = `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
            ${rows}
            ${condition ? `WHERE ${condition.sql(10)}` : ''}
            ${returning ? `RETURNING ${EVENT_COLUMNS}` : ''}`;
    INSERT_SQL.set(name, text);
  }
  const types = stream.events.map((e) => e.type);
  const schemaVersions = stream.events.map((e) => schemaVersionOf(e.type));
  return {
    name,
    text,
    values: one
      ? [stream.streamId, version, ids[0], types[0], schemaVersions[0], data[0], metadata[0], recordedAt, hashes[0], ...(condition?.values ?? [])]
      : [stream.streamId, version, ids, types, schemaVersions, data, metadata, recordedAt, hashes, ...(condition?.values ?? [])],
  };
}

/** An insert's failure as the store reports it: a stream that is not at the version expected is a ConcurrencyError. */
function insertError(e: unknown, stream: AppendToStream): unknown {
  if (isUniqueViolation(e) && (e as { constraint?: string }).constraint === STREAM_VERSION_KEY) {
    return new ConcurrencyError(stream.streamId, describe(stream.expectedVersion), null);
  }
  return e;
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === UNIQUE_VIOLATION;
}
