import pg from 'pg';
import { emberUpcasters, type EventMetadata, type GlobalPosition, type RecordedEvent, type SqlExecutor, type UpcasterRegistry } from '#ember/event-store';

/** pg's own parser of `timestamptz` text: the Date `readAll` would have built. */
const parseTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date;

/**
 * An event as `EventStore.readAll` returns it, except that `metadata` and `recordedAt` (which no
 * projection reads) are parsed only when first read: a replay reads every event of the log, and
 * parsing them was a third of its time. Both are accessors: spread or `JSON.stringify` would not carry
 * them, which is why events that are upcast (the upcaster spreads) are turned into plain objects first.
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
    private readonly metadataText: string,
    private readonly recordedAtText: string,
  ) {}

  get metadata(): EventMetadata {
    return (this.parsedMetadata ??= JSON.parse(this.metadataText) as EventMetadata);
  }

  get recordedAt(): Date {
    return (this.parsedRecordedAt ??= parseTimestamptz(this.recordedAtText));
  }

  toPlain(): RecordedEvent {
    const { position, txId, streamId, streamVersion, eventId, type, schemaVersion, data, metadata, recordedAt } = this;
    return { position, txId, streamId, streamVersion, eventId, type, schemaVersion, data, metadata, recordedAt };
  }

  toJSON(): RecordedEvent {
    return this.toPlain();
  }
}

type Row = [string, string, string, number, string, string, number, Record<string, unknown>, string, string];

/**
 * Reads the committed log in global order, as `EventStore.readAll` does (the same order, the same
 * visibility rule: only transactions below the oldest running one, so a late commit is never skipped,
 * the same upcasting), with rows as arrays and the lazy fields of {@link LogEvent}.
 */
export class LogReader {
  constructor(private readonly upcasters: UpcasterRegistry = emberUpcasters()) {}

  async read(after: GlobalPosition, limit: number, executor: SqlExecutor): Promise<RecordedEvent[]> {
    const { rows } = await (executor as { query(q: object): Promise<{ rows: Row[] }> }).query({
      name: 'ember_replay_read_log',
      text: `SELECT position::text, tx_id::text, stream_id, stream_version, event_id, type, schema_version, data,
                    metadata::text, recorded_at::text
               FROM events
              WHERE (tx_id, position) > ($1::xid8, $2::bigint)
                AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
              ORDER BY events.tx_id, events.position LIMIT $3`,
      values: [after.txId, after.position.toString(), limit],
      rowMode: 'array',
    });
    const events: RecordedEvent[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const event = new LogEvent(BigInt(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]);
      events[i] = this.upcasters.currentType(event.type) === event.type ? event : this.upcasters.upcast(event.toPlain());
    }
    return events;
  }
}
