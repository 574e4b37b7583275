import { createHash } from 'node:crypto';
import type { GlobalPosition } from '../event.types.js';

/** What the first seal chains from: 32 zero bytes. */
export const GENESIS_SEAL: Buffer = Buffer.alloc(32);

/**
 * A receipt for a stretch of the global committed order: the events after the previous seal's `upTo`
 * through its own, by id and hash, in `(txId, position)` order; `hash` chains it to the previous seal.
 */
export interface Seal {
  sealNo: number;
  upTo: GlobalPosition;
  eventIds: string[];
  /** The events' hashes, 32 bytes each, concatenated in order. */
  eventHashes: Buffer;
  hash: Buffer;
}

/** `sha256(previous seal's hash ‖ hash of each sealed event, in global order)`. */
export function sealHash(previous: Buffer, eventHashes: Buffer): Buffer {
  return createHash('sha256').update(previous).update(eventHashes).digest();
}

/** The i-th event hash of a seal. */
export const sealedHash = (seal: Pick<Seal, 'eventHashes'>, i: number): Buffer => seal.eventHashes.subarray(i * 32, i * 32 + 32);

export interface SealRow {
  seal_no: string | number;
  up_to_tx_id: string;
  up_to_position: string | number;
  event_ids: string[];
  event_hashes: Buffer;
  hash: Buffer;
}

export const SEAL_COLUMNS =
  'seal_no, up_to_tx_id::text AS up_to_tx_id, up_to_position::text AS up_to_position, event_ids::text[] AS event_ids, event_hashes, hash';

export function mapSealRow(row: SealRow): Seal {
  return {
    sealNo: Number(row.seal_no),
    upTo: { txId: row.up_to_tx_id, position: BigInt(row.up_to_position) },
    eventIds: row.event_ids,
    eventHashes: row.event_hashes,
    hash: row.hash,
  };
}
