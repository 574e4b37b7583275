import pg from 'pg';
import {
  COMMITTED_HORIZON_SQL,
  emberUpcasters,
  type EventMetadata,
  type GlobalPosition,
  type RecordedEvent,
  type SqlExecutor,
  type UpcasterRegistry,
} from '#ember/event-store';

/** pg's own parser of `timestamptz` text: the Date `readAll` would have built. */
const parseTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date;

/**
 * An event as `EventStore.readAll` returns it, except that `metadata` and `recordedAt` (which no
 * projection reads) are parsed only when first read: a replay reads every event of the log, and
 * parsing them was a third of its time. Both are accessors: spread or `JSON.stringify` would not carry
 * them, which is why events that are upcast (the upcaster spreads) are turned into plain objects first.
 * When the replayed projections all say they never read metadata, it is not even fetched (null here):
 * reading it then throws rather than answer something the log does not say.
 */
class LogEvent implements RecordedEvent {
  private parsedMetadata: EventMetadata | undefined;
  private parsedRecordedAt: Date | undefined;

  constructor(
    readonly position: bigint,
    readonly txId: string,
    readonly streamId: string,
    readonly streamVersion: number,
    readonly eventId: string,
    readonly type: string,
    readonly schemaVersion: number,
    readonly data: Record<string, unknown>,
    private metadataText: string | null,
    private readonly recordedAtText: string,
  ) {}

  get metadata(): EventMetadata {
    if (this.parsedMetadata) return this.parsedMetadata;
    if (this.metadataText === null) {
      throw new Error(`event ${this.position} (${this.type}): its metadata was not read, every projection replayed says it never reads it (readsMetadata: false)`);
    }
    return (this.parsedMetadata = JSON.parse(this.metadataText) as EventMetadata);
  }

  /** Metadata read afterwards (an event about to be upcast: the upcaster sees the whole event). */
  withMetadata(text: string): this {
    this.metadataText = text;
    return this;
  }

  get recordedAt(): Date {
    return (this.parsedRecordedAt ??= parseTimestamptz(this.recordedAtText));
  }

  toPlain(): RecordedEvent {
    return { ...this.fields(), metadata: this.metadata };
  }

  /** As stored, less metadata that was not read (serialising an event must not throw). */
  toJSON(): Omit<RecordedEvent, 'metadata'> & { metadata?: EventMetadata } {
    return this.metadataText === null && this.parsedMetadata === undefined ? this.fields() : this.toPlain();
  }

  private fields(): Omit<RecordedEvent, 'metadata'> {
    const { position, txId, streamId, streamVersion, eventId, type, schemaVersion, data, recordedAt } = this;
    return { position, txId, streamId, streamVersion, eventId, type, schemaVersion, data, recordedAt };
  }
}

type Row = [string, string, string, number, string, string, number, Record<string, unknown>, string | null, string];

/**
 * Reads the committed log in global order, as `EventStore.readAll` does (the same order, the same
 * visibility rule: only transactions below the oldest running one, so a late commit is never skipped,
 * the same upcasting), with rows as arrays and the lazy fields of {@link LogEvent}.
 */
export class LogReader {
  /**
   * @param metadata whether to read events' metadata (else only events that are upcast get it)
   */
  constructor(
    private readonly metadata = true,
    private readonly upcasters: UpcasterRegistry = emberUpcasters(),
  ) {}

  async read(after: GlobalPosition, limit: number, executor: SqlExecutor): Promise<RecordedEvent[]> {
    const query = (executor as { query(q: object): Promise<{ rows: Row[] }> }).query.bind(executor);
    const { rows } = await query({
      name: 'ember_replay_read_log',
      text: `SELECT position::text, tx_id::text, stream_id, stream_version, event_id, type, schema_version, data,
                    CASE WHEN $4 THEN metadata::text END, recorded_at::text
               FROM events
              WHERE (tx_id, position) > ($1::xid8, $2::bigint)
                AND tx_id < ${COMMITTED_HORIZON_SQL}
              ORDER BY events.tx_id, events.position LIMIT $3`,
      values: [after.txId, after.position.toString(), limit, this.metadata],
      rowMode: 'array',
    });
    const events: RecordedEvent[] = new Array(rows.length);
    const upcast: { i: number; event: LogEvent }[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const event = new LogEvent(BigInt(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]);
      if (this.upcasters.currentType(event.type) === event.type) events[i] = event;
      else upcast.push({ i, event });
    }
    if (upcast.length > 0) {
      if (!this.metadata) {
        const { rows: stored } = await query({
          name: 'ember_replay_read_metadata',
          text: 'SELECT position::text, metadata::text FROM events WHERE position = ANY($1::bigint[])',
          values: [upcast.map(({ event }) => event.position.toString())],
          rowMode: 'array',
        });
        const byPosition = new Map((stored as unknown as [string, string][]).map(([position, metadata]) => [position, metadata]));
        for (const { event } of upcast) event.withMetadata(byPosition.get(event.position.toString())!);
      }
      for (const { i, event } of upcast) events[i] = this.upcasters.upcast(event.toPlain());
    }
    return events;
  }
}
