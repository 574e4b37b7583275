import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/database.js';
import { PipelinedTransaction } from './pipelined-transaction.js';

/** Statements `pg` holds in its own queue (issued while another runs): what `pg` 9 no longer accepts. */
const queuedInPg = (client: pg.PoolClient) => (client as unknown as { _queryQueue: unknown[] })._queryQueue.length;

describe('PipelinedTransaction on a connection without pipelining', () => {
  let dataSource: DataSource;
  let url: string;
  let plain: pg.Pool;

  beforeAll(async () => {
    ({ dataSource, url } = await openTestDatabase(2));
    plain = new pg.Pool({ connectionString: url, max: 1 });
  });
  afterAll(async () => {
    await plain.end();
    await dataSource.destroy();
  });

  it('hands each statement to pg once the one before has answered, and answers them in order', async () => {
    const client = await plain.connect();
    try {
      const tx = new PipelinedTransaction(client);
      void tx.query('BEGIN');
      const answers = [1, 2, 3].map((n) => tx.query<{ n: number }>({ text: 'SELECT $1::int AS n', values: [n] }));
      // Issued without waiting, yet nothing is queued inside pg (pg 8 deprecates that queue; pg 9 drops it).
      expect(queuedInPg(client)).toBe(0);
      expect((await Promise.all(answers)).map((r) => r.rows[0]!.n)).toEqual([1, 2, 3]);
      await tx.commit();
      expect(queuedInPg(client)).toBe(0);
    } finally {
      client.release();
    }
  });

  it('throws the first failure at COMMIT, not the aborted-transaction errors of the statements after it', async () => {
    const client = await plain.connect();
    try {
      const tx = new PipelinedTransaction(client);
      void tx.query('BEGIN');
      tx.expect('SELECT 1 / 0', (e) => new Error(`translated: ${(e as Error).message}`));
      const after = tx.query('SELECT 1');
      await expect(after).rejects.toThrow('translated: division by zero');
      await expect(tx.commit()).rejects.toThrow('translated: division by zero');
      // The connection is usable again: the failed transaction was ended by its COMMIT.
      expect((await client.query('SELECT 2 AS n')).rows[0].n).toBe(2);
    } finally {
      client.release();
    }
  });
});

describe('PipelinedTransaction on a pipelined connection: prepared statements batched under one Sync', () => {
  let dataSource: DataSource;
  let url: string;
  let pool: pg.Pool;

  beforeAll(async () => {
    ({ dataSource, url } = await openTestDatabase(2));
    pool = new pg.Pool({ connectionString: url, max: 1, pipeline: true } as pg.PoolConfig);
    await pool.query('CREATE TABLE IF NOT EXISTS batch_probe (id int PRIMARY KEY, doc jsonb, big bigint)');
  });
  afterAll(async () => {
    await pool.end();
    await dataSource.destroy();
  });

  const insert = (id: number) => ({ name: 'probe_insert', text: 'INSERT INTO batch_probe (id, doc, big) VALUES ($1, $2, $3)', values: [id, { id }, 2n ** 40n] });
  const select = (id: number) => ({ name: 'probe_select', text: 'SELECT id, doc, big FROM batch_probe WHERE id = $1', values: [id] });

  /** Runs `fn` in a transaction on the pool's one connection, counting Postgres's ReadyForQuery answers (one per Sync). */
  async function counted(fn: (tx: PipelinedTransaction) => Promise<void>): Promise<number> {
    const client = await pool.connect();
    const connection = (client as unknown as { connection: pg.Connection }).connection;
    let syncs = 0;
    const count = () => syncs++;
    connection.on('readyForQuery', count);
    try {
      const tx = new PipelinedTransaction(client);
      tx.begin();
      await fn(tx);
      return syncs;
    } finally {
      connection.off('readyForQuery', count);
      client.release();
    }
  }

  it('sends the statements prepared on the connection with BEGIN and COMMIT in one batch, and answers each its own rows', async () => {
    await pool.query('TRUNCATE batch_probe');
    // First use on this connection: every statement is prepared with a Sync of its own.
    const first = await counted(async (tx) => {
      void tx.query(insert(1));
      await tx.query(select(1));
      await tx.commit();
    });
    expect(first).toBe(4);
    const second = await counted(async (tx) => {
      const writes = [2, 3, 4].map((id) => tx.query(insert(id)));
      const reads = [2, 3, 4, 99].map((id) => tx.query<{ id: number; doc: unknown; big: number | string }>(select(id)));
      const answers = await Promise.all(reads);
      expect(answers.map((a) => a.rows)).toEqual([
        [{ id: 2, doc: { id: 2 }, big: 2 ** 40 }],
        [{ id: 3, doc: { id: 3 }, big: 2 ** 40 }],
        [{ id: 4, doc: { id: 4 }, big: 2 ** 40 }],
        [],
      ]);
      expect((await Promise.all(writes)).map((w) => w.rowCount)).toEqual([1, 1, 1]);
      await tx.commit();
    });
    // BEGIN, 3 inserts and 4 selects under one Sync; COMMIT under a second (it was waited for after them).
    expect(second).toBe(2);
    expect((await pool.query('SELECT count(*)::int AS n FROM batch_probe')).rows[0].n).toBe(4);
  });

  it('on statements not yet prepared, answers the one after a failure with that failure, never with "transaction is aborted"', async () => {
    // The first statements on a connection are prepared as they go (a Sync each); pg settled the aborted
    // answer of the later one before the failure of the earlier one was recorded (seen as a 500 in a race
    // of a snapshot create with a revert, 2026-11-27).
    for (let round = 0; round < 5; round++) {
      // The statement after the failure is prepared already (it goes in a batch); the failing one is not.
      await counted(async (tx) => {
        await tx.query({ name: `fresh_after_${round}`, text: 'SELECT 1' });
        await tx.commit();
      });
      await counted(async (tx) => {
        tx.expect({ name: `fresh_fail_${round}`, text: 'SELECT 1 / 0' }, (e) => new Error(`translated: ${(e as Error).message}`));
        const after = tx.query({ name: `fresh_after_${round}`, text: 'SELECT 1' });
        await expect(after).rejects.toThrow('translated: division by zero');
        await expect(tx.commit()).rejects.toThrow('translated: division by zero');
        await tx.rollback();
      });
    }
  });

  it('rejects the failed statement with its own error and those after it as aborted; COMMIT throws the first failure, nothing is stored', async () => {
    await pool.query('TRUNCATE batch_probe');
    await counted(async (tx) => {
      await tx.query(insert(10)); // prepares the statements on the connection
      await tx.query(select(10));
      await tx.commit();
    });
    const syncs = await counted(async (tx) => {
      const ok = tx.query(insert(11));
      const duplicate = tx.query(insert(10), undefined, (e) => new Error(`translated: ${(e as { code?: string }).code}`));
      const after = tx.query(select(11));
      await expect(ok).resolves.toMatchObject({ rowCount: 1 });
      await expect(duplicate).rejects.toThrow('translated: 23505');
      await expect(after).rejects.toThrow('translated: 23505');
      await expect(tx.commit()).rejects.toThrow('translated: 23505');
      expect(tx.outcomeUnknown).toBe(false);
      await tx.rollback();
    });
    expect(syncs).toBeLessThanOrEqual(3);
    // Rolled back, and the connection is in a clean state for the next transaction.
    expect((await pool.query('SELECT array_agg(id ORDER BY id) AS ids FROM batch_probe')).rows[0].ids).toEqual([10]);
    const client = await pool.connect();
    try {
      expect((client as unknown as { _txStatus: string })._txStatus).toBe('I');
    } finally {
      client.release();
    }
  });
});
