import type { Pool } from 'pg';
import { START } from '../event.types.js';
import { COMMITTED_HORIZON_SQL } from '../subscription/committed-horizon.js';
import { GENESIS_SEAL, mapSealRow, SEAL_COLUMNS, sealHash, type Seal, type SealRow } from './seal.js';

export interface SealerOptions {
  /** Events per seal at most (a backlog is sealed in several). */
  maxEvents?: number;
  /** How often the running sealer looks for committed, unsealed events. */
  intervalMs?: number;
  onSeal?: (seal: Seal) => void;
  onError?: (error: unknown) => void;
}

/**
 * Writes `event_seals`: every `intervalMs`, the events committed since the last seal (up to `maxEvents`
 * each) become the next seal. The last seal is the sealer's checkpoint, so seals and checkpoint never
 * drift apart. It reads the committed order the way every reader does (below the committed horizon), so a
 * late-committing transaction can never land inside a sealed range. One replica seals at a time (an
 * advisory lock); the seal number's primary key turns any other overlap into a harmless rollback.
 */
export class Sealer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly options: SealerOptions = {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.sealPending()
        .catch((e) => this.options.onError?.(e))
        .finally(() => (this.running = null));
    }, this.options.intervalMs ?? 10_000);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Seals everything committed so far; returns the new seals (none when another replica is sealing). */
  async sealPending(): Promise<Seal[]> {
    const seals: Seal[] = [];
    for (;;) {
      const seal = await this.sealNext();
      if (!seal) return seals;
      seals.push(seal);
      this.options.onSeal?.(seal);
    }
  }

  private async sealNext(): Promise<Seal | null> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows: lock } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok', ['ember:sealer']);
      if (!lock[0]!.ok) return await rollback(client);
      const { rows: last } = await client.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM event_seals ORDER BY seal_no DESC LIMIT 1`);
      const previous = last[0] ? mapSealRow(last[0]) : null;
      const from = previous?.upTo ?? START;
      const { rows } = await client.query<{ event_id: string; hash: Buffer; tx_id: string; position: string }>(
        `SELECT event_id::text AS event_id, hash, tx_id::text AS tx_id, position::text AS position FROM events
          WHERE (tx_id, position) > ($1::xid8, $2::bigint) AND tx_id < ${COMMITTED_HORIZON_SQL}
          ORDER BY events.tx_id, events.position LIMIT $3`,
        [from.txId, from.position.toString(), this.options.maxEvents ?? 1000],
      );
      if (rows.length === 0) return await rollback(client);
      const lastEvent = rows[rows.length - 1]!;
      const eventHashes = Buffer.concat(rows.map((r) => r.hash));
      const seal: Seal = {
        sealNo: (previous?.sealNo ?? 0) + 1,
        upTo: { txId: lastEvent.tx_id, position: BigInt(lastEvent.position) },
        eventIds: rows.map((r) => r.event_id),
        eventHashes,
        hash: sealHash(previous?.hash ?? GENESIS_SEAL, eventHashes),
      };
      await client.query(
        `INSERT INTO event_seals (seal_no, up_to_tx_id, up_to_position, event_count, event_ids, event_hashes, hash)
         VALUES ($1, $2::xid8, $3, $4, $5::uuid[], $6, $7)`,
        [seal.sealNo, seal.upTo.txId, seal.upTo.position.toString(), rows.length, seal.eventIds, eventHashes, seal.hash],
      );
      await client.query('COMMIT');
      return seal;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }
}

async function rollback(client: { query: (sql: string) => Promise<unknown> }): Promise<null> {
  await client.query('ROLLBACK');
  return null;
}
