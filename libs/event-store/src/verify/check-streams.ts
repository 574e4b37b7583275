import { eventHash, GENESIS_HASH } from '../hashing/event-hash.js';
import { STORED_EVENT_COLUMNS, toHashedContent, type StoredEventRow } from '../hashing/stored-event.js';
import type { SqlExecutor } from '../sql-executor.js';
import { diagnoseChainBreak } from './diagnose-chain.js';
import type { VerifyOptions, VerifyProblem } from './verify.types.js';

export interface StreamCheck {
  events: number;
  streams: number;
  problem: VerifyProblem | null;
  /** With a `removed` problem: the event found where the missing version should have been followed. */
  afterGap?: StoredEventRow;
}

const PAGE = 2000;

/**
 * Walks every stream in version order: versions must run 1..n without gaps, and each stored hash must
 * be `sha256(previous hash ‖ canonical stored event)`. Catches edits to an event that were not
 * followed by recomputing the rest of its stream's chain, removals inside a stream and reorderings.
 */
export async function checkStreams(db: SqlExecutor, options: VerifyOptions, total: number): Promise<StreamCheck> {
  const result: StreamCheck = { events: 0, streams: 0, problem: null };
  let stream: string | null = null;
  let expected = 1;
  let previous = GENESIS_HASH;
  for (let after: { stream: string; version: number } | null = null; ; ) {
    const { rows }: { rows: StoredEventRow[] } = await db.query<StoredEventRow>(
      after
        ? `SELECT ${STORED_EVENT_COLUMNS} FROM events WHERE (stream_id, stream_version) > ($1, $2)
            ORDER BY stream_id, stream_version LIMIT ${PAGE}`
        : `SELECT ${STORED_EVENT_COLUMNS} FROM events ORDER BY stream_id, stream_version LIMIT ${PAGE}`,
      after ? [after.stream, after.version] : [],
    );
    for (const row of rows) {
      if (row.stream_id !== stream) {
        [stream, expected, previous] = [row.stream_id, 1, GENESIS_HASH];
        result.streams++;
      }
      if (row.stream_version !== expected) {
        result.problem = {
          kind: 'removed',
          streamId: row.stream_id,
          streamVersion: expected,
          message: `stream ${row.stream_id}: version ${expected} is missing (removed)${row.stream_version > expected + 1 ? `, and so are the versions up to ${row.stream_version - 1}` : ''}`,
        };
        result.afterGap = row;
        return result;
      }
      const hash = eventHash(previous, toHashedContent(row));
      if (!row.hash || !hash.equals(row.hash)) {
        result.problem = await diagnoseChainBreak(db, row, previous);
        return result;
      }
      [previous, expected] = [hash, expected + 1];
      result.events++;
      if (result.events % 1000 === 0) options.onProgress?.('streams', result.events, total);
    }
    if (rows.length < PAGE) return result;
    const last: StoredEventRow = rows[rows.length - 1]!;
    after = { stream: last.stream_id, version: last.stream_version };
  }
}
