import { sealedHash, type Seal } from '../seals/seal.js';
import type { SqlExecutor } from '../sql-executor.js';
import type { OrderedEvent } from './global-order.js';
import type { VerifyProblem } from './verify.types.js';

/** The first difference between a seal's receipts and the events now stored in its stretch of the global order. */
export async function compareReceipts(db: SqlExecutor, seal: Seal, actual: OrderedEvent[], previous: Seal | null): Promise<VerifyProblem | null> {
  const sealed = new Set(seal.eventIds);
  const present = new Set(actual.map((e) => e.event_id));
  const where = `seal ${seal.sealNo}`;
  for (let i = 0; i < Math.max(seal.eventIds.length, actual.length); i++) {
    const [id, event] = [seal.eventIds[i], actual[i]];
    if (id !== undefined && event?.event_id === id) {
      if (event.hash && sealedHash(seal, i).equals(event.hash)) continue;
      return problem('altered', event, seal, `${name(event)} was altered and its stream's hash chain recomputed to hide it: its hash differs from the one ${where} recorded`);
    }
    if (event && !sealed.has(event.event_id)) {
      const elsewhere = await sealsHolding(db, event.event_id);
      if (elsewhere.length > 0) {
        return problem('reordered', event, seal, `${name(event)} was moved in the global order: seal ${elsewhere[0]} recorded it, but it now sits in the stretch ${where} covers`);
      }
      return problem('inserted', event, seal, `${name(event)} was inserted: it is not in ${where}, which covers its place in the global order`);
    }
    if (id !== undefined && !present.has(id)) {
      const moved = await db.query<{ tx_id: string; position: string }>(
        'SELECT tx_id::text AS tx_id, position::text AS position FROM events WHERE event_id = $1::uuid',
        [id],
      );
      const after = i > 0 ? `after event ${seal.eventIds[i - 1]}` : previous ? `first after seal ${previous.sealNo}` : 'first of all';
      if (moved.rows[0]) {
        return { kind: 'reordered', eventId: id, sealNo: seal.sealNo, message: `event ${id} was moved out of its place in the global order: ${where} recorded it ${after}` };
      }
      return { kind: 'removed', eventId: id, sealNo: seal.sealNo, message: `event ${id} was removed: ${where} recorded it (${after}) and the log no longer has it` };
    }
    // Same events so far, and this one is sealed later on (at index > i): it was moved forward.
    const sealedAfter = seal.eventIds[seal.eventIds.indexOf(event!.event_id) - 1]!;
    const other = actual.find((e) => e.event_id === id)!;
    return problem(
      'reordered',
      event!,
      seal,
      `events reordered: ${name(event!)} now comes before ${name(other)}, but ${where} recorded it after event ${sealedAfter}`,
    );
  }
  return null;
}

async function sealsHolding(db: SqlExecutor, eventId: string): Promise<number[]> {
  const { rows } = await db.query<{ seal_no: string }>(
    'SELECT seal_no::text FROM event_seals WHERE event_ids @> ARRAY[$1::uuid] ORDER BY seal_no',
    [eventId],
  );
  return rows.map((r) => Number(r.seal_no));
}

const name = (e: OrderedEvent) => `event ${e.event_id} (stream ${e.stream_id}, version ${e.stream_version})`;

function problem(kind: VerifyProblem['kind'], e: OrderedEvent, seal: Seal, message: string): VerifyProblem {
  return { kind, message, eventId: e.event_id, streamId: e.stream_id, streamVersion: e.stream_version, sealNo: seal.sealNo };
}

