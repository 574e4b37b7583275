import type { GlobalPosition } from '../event.types.js';
import type { SqlExecutor } from '../sql-executor.js';

/** An event's identity and stored hash at its place in the global order. */
export interface OrderedEvent {
  event_id: string;
  hash: Buffer | null;
  stream_id: string;
  stream_version: number;
  tx_id: string;
  position: string;
}

export const isAfter = (a: GlobalPosition, b: GlobalPosition): boolean => {
  const [ta, tb] = [BigInt(a.txId), BigInt(b.txId)];
  return ta !== tb ? ta > tb : a.position > b.position;
};

export const at = (e: OrderedEvent): GlobalPosition => ({ txId: e.tx_id, position: BigInt(e.position) });

/** Reads the stored events in `(tx_id, position)` order, page by page, handing them out a stretch at a time. */
export class GlobalOrderReader {
  private buffer: OrderedEvent[] = [];
  private cursor: GlobalPosition = { txId: '0', position: 0n };
  private exhausted = false;

  constructor(
    private readonly db: SqlExecutor,
    /** Nothing after this is read. */
    private readonly end: GlobalPosition,
    private readonly pageSize = 5000,
  ) {}

  /** Every event after the previous stretch up to and including `upTo`. */
  async through(upTo: GlobalPosition): Promise<OrderedEvent[]> {
    const out: OrderedEvent[] = [];
    for (;;) {
      while (this.buffer.length > 0 && !isAfter(at(this.buffer[0]!), upTo)) out.push(this.buffer.shift()!);
      if (this.buffer.length > 0 || this.exhausted) return out;
      await this.fill();
    }
  }

  private async fill(): Promise<void> {
    const { rows } = await this.db.query<OrderedEvent>(
      `SELECT event_id::text AS event_id, hash, stream_id, stream_version, tx_id::text AS tx_id, position::text AS position
         FROM events
        WHERE (tx_id, position) > ($1::xid8, $2::bigint) AND (tx_id, position) <= ($3::xid8, $4::bigint)
        ORDER BY events.tx_id, events.position LIMIT ${this.pageSize}`,
      [this.cursor.txId, this.cursor.position.toString(), this.end.txId, this.end.position.toString()],
    );
    if (rows.length < this.pageSize) this.exhausted = true;
    if (rows.length > 0) this.cursor = at(rows[rows.length - 1]!);
    this.buffer = rows;
  }
}
