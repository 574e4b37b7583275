import { describe, expect, it } from 'vitest';
import { GroupCommit, type TransactionOutcome, type TransactionRunner } from './group-commit.js';
import type { SqlExecutor } from './sql-executor.js';

/**
 * The grouping logic alone, over a runner that records what each "transaction" ran: a transaction here
 * is a list of the tags its units wrote through `tx`, committed unless told to fail. Postgres's side
 * (one shared transaction, a rolled-back group retried create by create, the quota exact within a
 * group) is covered on real Postgres by create-snapshot.int-spec.ts.
 */
function recordingRunner(fail: (tags: string[]) => TransactionOutcome<never> | null = () => null) {
  const transactions: { tags: string[]; outcome: 'committed' | 'failed' }[] = [];
  let open = 0;
  let mostOpen = 0;
  const run: TransactionRunner = async <T>(work: (tx: SqlExecutor) => Promise<T>): Promise<TransactionOutcome<T>> => {
    const tags: string[] = [];
    const tx = { query: async (text: unknown) => (tags.push(String(text)), { rows: [], rowCount: 0 }) } as unknown as SqlExecutor;
    open++;
    mostOpen = Math.max(mostOpen, open);
    try {
      await new Promise((r) => setTimeout(r, 5)); // BEGIN's round trip: later units queue meanwhile
      const value = await work(tx);
      const failure = fail(tags);
      transactions.push({ tags, outcome: failure ? 'failed' : 'committed' });
      return failure ?? { value };
    } catch (error) {
      transactions.push({ tags, outcome: 'failed' });
      return { error, maybeCommitted: false };
    } finally {
      open--;
    }
  };
  return { run, transactions, mostOpen: () => mostOpen };
}

const unit = (tag: string) => async (tx: SqlExecutor) => (await tx.query(tag), tag.toUpperCase());

describe('GroupCommit', () => {
  it('runs a lone unit at once, in a transaction of its own', async () => {
    const r = recordingRunner();
    const group = new GroupCommit(r.run, { maxUnits: 64, maxInFlight: 2 });
    await expect(group.run(unit('a'))).resolves.toBe('A');
    expect(r.transactions).toEqual([{ tags: ['a'], outcome: 'committed' }]);
  });

  it('puts units submitted together into one transaction, in order, and answers each its own value', async () => {
    const r = recordingRunner();
    const group = new GroupCommit(r.run, { maxUnits: 64, maxInFlight: 2 });
    const values = await Promise.all(['a', 'b', 'c', 'd'].map((t) => group.run(unit(t))));
    expect(values).toEqual(['A', 'B', 'C', 'D']);
    expect(r.transactions).toEqual([{ tags: ['a', 'b', 'c', 'd'], outcome: 'committed' }]);
  });

  it('runs the units of a group one after another (the second starts once the first is done)', async () => {
    const r = recordingRunner();
    const group = new GroupCommit(r.run, { maxUnits: 64, maxInFlight: 1 });
    const slow = async (tx: SqlExecutor) => {
      await tx.query('slow:start');
      await new Promise((done) => setTimeout(done, 10));
      await tx.query('slow:end');
    };
    await Promise.all([group.run(slow), group.run(unit('fast'))]);
    expect(r.transactions[0]!.tags).toEqual(['slow:start', 'slow:end', 'fast']);
  });

  it('queues what arrives while maxInFlight transactions are open, and caps a group at maxUnits', async () => {
    const r = recordingRunner();
    const group = new GroupCommit(r.run, { maxUnits: 3, maxInFlight: 1 });
    const first = group.run(unit('a'));
    await new Promise((done) => setImmediate(done)); // `a` has started alone
    const rest = ['b', 'c', 'd', 'e', 'f'].map((t) => group.run(unit(t)));
    await Promise.all([first, ...rest]);
    expect(r.transactions.map((t) => t.tags)).toEqual([['a'], ['b', 'c', 'd'], ['e', 'f']]);
    expect(r.mostOpen()).toBe(1);
  });

  it('keeps at most maxInFlight transactions open', async () => {
    const r = recordingRunner();
    const group = new GroupCommit(r.run, { maxUnits: 1, maxInFlight: 2 });
    await Promise.all(Array.from({ length: 7 }, (_, i) => group.run(unit(`u${i}`))));
    expect(r.transactions).toHaveLength(7);
    expect(r.mostOpen()).toBe(2);
  });

  it('after a rolled-back group, runs every unit again alone: each caller gets its own outcome', async () => {
    const r = recordingRunner();
    const group = new GroupCommit(r.run, { maxUnits: 64, maxInFlight: 2 });
    const refused = new Error('refused');
    const bad = async (tx: SqlExecutor) => {
      await tx.query('bad');
      throw refused;
    };
    const outcomes = await Promise.allSettled([group.run(unit('a')), group.run(bad), group.run(unit('c'))]);
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'rejected', reason: refused },
      { status: 'fulfilled', value: 'C' },
    ]);
    const committed = r.transactions.filter((t) => t.outcome === 'committed').map((t) => t.tags);
    expect(committed.sort()).toEqual([['a'], ['c']]);
    expect(r.transactions[0]).toEqual({ tags: ['a', 'bad'], outcome: 'failed' });
  });

  it('after a COMMIT that went unanswered (maybe committed), runs nothing again and hands every caller the error', async () => {
    const lost = new Error('Connection terminated unexpectedly');
    const r = recordingRunner((tags) => (tags.length > 1 ? { error: lost, maybeCommitted: true } : null));
    const group = new GroupCommit(r.run, { maxUnits: 64, maxInFlight: 2 });
    const outcomes = await Promise.allSettled([group.run(unit('a')), group.run(unit('b'))]);
    expect(outcomes).toEqual([
      { status: 'rejected', reason: lost },
      { status: 'rejected', reason: lost },
    ]);
    expect(r.transactions).toHaveLength(1);
  });
});
