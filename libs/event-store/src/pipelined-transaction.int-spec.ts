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
