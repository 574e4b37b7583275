import { canonicalEvent, eventHash, GENESIS_HASH } from '../hashing/event-hash.js';
import { STORED_EVENT_COLUMNS, toHashedContent, type StoredEventRow } from '../hashing/stored-event.js';
import type { SqlExecutor } from '../sql-executor.js';
import type { VerifyProblem } from './verify.types.js';

/** Streams longer than this are not searched for where a mismatching event came from (quadratic). */
const SEARCH_LIMIT = 300;

/**
 * An event whose stored hash does not follow from its predecessor and its content. If its content is
 * intact but it sits at another version or after another event than the one it was hashed at, the
 * events were reordered; otherwise the event itself (or its stored hash) was altered.
 */
export async function diagnoseChainBreak(db: SqlExecutor, broken: StoredEventRow, previous: Buffer): Promise<VerifyProblem> {
  const at = { eventId: broken.event_id, streamId: broken.stream_id, streamVersion: broken.stream_version };
  const self = `event ${broken.event_id} (stream ${broken.stream_id}, version ${broken.stream_version})`;
  if (!broken.hash) return { kind: 'altered', ...at, message: `${self} was altered: it has no hash` };
  const { rows: stream } = await db.query<StoredEventRow>(
    `SELECT ${STORED_EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`,
    [broken.stream_id],
  );
  const origin = stream.length <= SEARCH_LIMIT ? whereHashed(broken, stream) : null;
  if (origin && (origin.version !== broken.stream_version || !origin.after.equals(previous))) {
    const recordedAt = stream.find((r) => r.stream_version === origin.version && r.event_id !== broken.event_id);
    const predecessor = stream.find((r) => r.hash?.equals(origin.after));
    const was = `was recorded as version ${origin.version}${predecessor ? `, after event ${predecessor.event_id}` : ''}`;
    return {
      kind: 'reordered',
      ...at,
      message: recordedAt
        ? `events reordered in stream ${broken.stream_id}: event ${broken.event_id} is now version ${broken.stream_version} but ${was}; event ${recordedAt.event_id} holds version ${origin.version} now`
        : `events reordered in stream ${broken.stream_id}: event ${broken.event_id} is now version ${broken.stream_version} but ${was}`,
    };
  }
  return { kind: 'altered', ...at, message: `${self} was altered: its hash does not match its content` };
}

/** The (version, predecessor hash) the event's stored hash was computed at, if any of the stream's places fits. */
function whereHashed(broken: StoredEventRow, stream: StoredEventRow[]): { version: number; after: Buffer } | null {
  const others = stream.filter((r) => r.event_id !== broken.event_id && r.hash).map((r) => r.hash!);
  for (let version = 1; version <= stream.length + 1; version++) {
    const text = canonicalEvent(toHashedContent(broken, version));
    const candidates = version === 1 ? [GENESIS_HASH] : others;
    for (const after of candidates) if (eventHash(after, text).equals(broken.hash!)) return { version, after };
  }
  return null;
}
