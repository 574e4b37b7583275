import { GENESIS_SEAL, mapSealRow, SEAL_COLUMNS, sealedHash, sealHash, type Seal, type SealRow } from '../seals/seal.js';
import type { SqlExecutor } from '../sql-executor.js';
import { compareReceipts } from './compare-receipts.js';
import { GlobalOrderReader, isAfter } from './global-order.js';
import type { VerifyOptions, VerifyProblem } from './verify.types.js';

export interface SealCheck {
  seals: number;
  sealedEvents: number;
  lastSeal: Seal | null;
  problem: VerifyProblem | null;
  /** With a `removed` problem: the hash the seal recorded for the removed event. */
  removedHash?: Buffer;
}

const PAGE = 200;

/**
 * Checks the seal chain (numbers 1..n, each hash over the previous one and its receipts) and that the
 * stored global order is, stretch by stretch, exactly what each seal recorded: same events, same
 * order, same hashes. This is what catches a history rewritten with recomputed stream chains.
 */
export async function checkSeals(db: SqlExecutor, options: VerifyOptions, total: number): Promise<SealCheck> {
  const { rows: tail } = await db.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM event_seals ORDER BY seal_no DESC LIMIT 1`);
  const lastSeal = tail[0] ? mapSealRow(tail[0]) : null;
  const result: SealCheck = { seals: 0, sealedEvents: 0, lastSeal, problem: null };
  if (options.anchor) result.problem = await checkAnchor(db, options.anchor);
  if (!lastSeal || result.problem) return result;
  const events = new GlobalOrderReader(db, lastSeal.upTo);
  let previous: Seal | null = null;
  for (let after = 0; ; ) {
    const { rows } = await db.query<SealRow>(
      `SELECT ${SEAL_COLUMNS} FROM event_seals WHERE seal_no > $1 ORDER BY seal_no LIMIT ${PAGE}`,
      [after],
    );
    for (const seal of rows.map(mapSealRow)) {
      result.problem = checkLink(seal, previous) ?? (await compareReceipts(db, seal, await events.through(seal.upTo), previous));
      if (result.problem?.kind === 'removed') result.removedHash = sealedHash(seal, seal.eventIds.indexOf(result.problem.eventId!));
      if (result.problem) return result;
      result.seals++;
      result.sealedEvents += seal.eventIds.length;
      options.onProgress?.('seals', result.sealedEvents, total);
      previous = seal;
    }
    if (rows.length < PAGE) return result;
    after = previous!.sealNo;
  }
}

async function checkAnchor(db: SqlExecutor, anchor: { sealNo: number; hash: string }): Promise<VerifyProblem | null> {
  const { rows } = await db.query<{ hash: Buffer }>('SELECT hash FROM event_seals WHERE seal_no = $1', [anchor.sealNo]);
  if (!rows[0]) {
    return { kind: 'seal', sealNo: anchor.sealNo, message: `seal ${anchor.sealNo} is missing (removed): the anchor ${anchor.hash} names it` };
  }
  if (rows[0].hash.toString('hex') !== anchor.hash.toLowerCase()) {
    return {
      kind: 'seal',
      sealNo: anchor.sealNo,
      message: `seal ${anchor.sealNo} does not match the anchor: it is ${rows[0].hash.toString('hex')}, the anchor says ${anchor.hash} (history up to it was rewritten)`,
    };
  }
  return null;
}

function checkLink(seal: Seal, previous: Seal | null): VerifyProblem | null {
  const expectedNo = (previous?.sealNo ?? 0) + 1;
  if (seal.sealNo !== expectedNo) {
    return { kind: 'seal', sealNo: expectedNo, message: `seal ${expectedNo} is missing (removed): the seals jump from ${expectedNo - 1} to ${seal.sealNo}` };
  }
  if (!sealHash(previous?.hash ?? GENESIS_SEAL, seal.eventHashes).equals(seal.hash)) {
    return { kind: 'seal', sealNo: seal.sealNo, message: `seal ${seal.sealNo} was altered: its hash does not match its receipts and the seal before it` };
  }
  if (previous && !isAfter(seal.upTo, previous.upTo)) {
    return { kind: 'seal', sealNo: seal.sealNo, message: `seal ${seal.sealNo} was altered: it ends before seal ${previous.sealNo} does` };
  }
  return null;
}
