import { eventHash } from '../hashing/event-hash.js';
import { toHashedContent } from '../hashing/stored-event.js';
import type { SqlExecutor } from '../sql-executor.js';
import { checkSeals, type SealCheck } from './check-seals.js';
import { checkStreams, type StreamCheck } from './check-streams.js';
import type { VerifyOptions, VerifyProblem, VerifyReport } from './verify.types.js';

/**
 * Verifies the event log as stored (never upcast): first the seals against the global committed
 * order (which names events removed, inserted, moved or rewritten along with their stream's chain),
 * then every stream's hash chain and versions. Stops at the first problem.
 *
 * Give it a connection of its own: it reads in one REPEATABLE READ, READ ONLY transaction, so appends
 * and seals written meanwhile are simply not part of what it checks.
 */
export async function verifyLog(db: SqlExecutor, options: VerifyOptions = {}): Promise<VerifyReport> {
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const { rows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
    const total = Number(rows[0]!.n);
    const seals = await checkSeals(db, options, total);
    const streams = seals.problem && seals.problem.kind !== 'removed' ? { events: 0, streams: 0, problem: null } : await checkStreams(db, options, total);
    const problem = seals.problem ? locateRemoved(seals, streams) : streams.problem;
    const unsealed = await db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM events WHERE (tx_id, position) > ($1::xid8, $2::bigint)',
      [seals.lastSeal?.upTo.txId ?? '0', (seals.lastSeal?.upTo.position ?? 0n).toString()],
    );
    return {
      ok: problem === null,
      events: streams.events,
      streams: streams.streams,
      seals: seals.seals,
      sealedEvents: seals.sealedEvents,
      unsealedEvents: Number(unsealed.rows[0]!.n),
      lastSeal: seals.lastSeal ? { sealNo: seals.lastSeal.sealNo, hash: seals.lastSeal.hash.toString('hex') } : null,
      problem,
    };
  } finally {
    await db.query('ROLLBACK').catch(() => undefined);
  }
}

/**
 * A seal names a removed event by id only. When a stream has a gap right where it was, the event after
 * the gap still chains from the removed one's sealed hash: that pins which stream and version it was.
 */
function locateRemoved(seals: SealCheck, streams: StreamCheck): VerifyProblem {
  const problem = seals.problem!;
  const next = streams.afterGap;
  const version = streams.problem?.streamVersion;
  if (problem.kind !== 'removed' || !seals.removedHash || !next || version === undefined || next.stream_version !== version + 1) return problem;
  if (!next.hash || !eventHash(seals.removedHash, toHashedContent(next)).equals(next.hash)) return problem;
  return {
    ...problem,
    streamId: next.stream_id,
    streamVersion: version,
    message: problem.message.replace(`event ${problem.eventId}`, `event ${problem.eventId} (stream ${next.stream_id}, version ${version})`),
  };
}
