import { describe, expect, it } from 'vitest';
import { WritebackPacer } from './writeback-pacer.js';

/** A flush whose completion the test decides. */
function controlledFlush() {
  const pending: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  const flush = () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
  return { flush, pending };
}

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('WritebackPacer', () => {
  it('starts a flush once `every` bytes were written since the last one began', () => {
    const { flush, pending } = controlledFlush();
    const pacer = new WritebackPacer(flush, 100);
    pacer.wrote(60);
    expect(pending).toHaveLength(0);
    pacer.wrote(40);
    expect(pending).toHaveLength(1);
  });

  it('runs one flush at a time and counts what is written meanwhile toward the next', async () => {
    const { flush, pending } = controlledFlush();
    const pacer = new WritebackPacer(flush, 100);
    pacer.wrote(100);
    pacer.wrote(150); // a flush is running: no second one
    expect(pending).toHaveLength(1);
    pending[0]!.resolve();
    await turn();
    pacer.wrote(1); // 151 pending since the first began
    expect(pending).toHaveLength(2);
    pacer.wrote(99);
    expect(pending).toHaveLength(2);
  });

  it('settle waits for the flush in flight', async () => {
    const { flush, pending } = controlledFlush();
    const pacer = new WritebackPacer(flush, 10);
    pacer.wrote(10);
    let settled = false;
    const s = pacer.settle().then(() => (settled = true));
    await turn();
    expect(settled).toBe(false);
    pending[0]!.resolve();
    await s;
    expect(settled).toBe(true);
  });

  it('reports a failed flush at settle, and starts no other flush after it', async () => {
    const { flush, pending } = controlledFlush();
    const pacer = new WritebackPacer(flush, 10);
    pacer.wrote(10);
    pending[0]!.reject(new Error('EIO: i/o error, fdatasync'));
    await turn();
    pacer.wrote(100);
    expect(pending).toHaveLength(1);
    await expect(pacer.settle()).rejects.toThrow('EIO');
  });

  it('never flushes with every = Infinity, and refuses a non-positive interval', async () => {
    const { flush, pending } = controlledFlush();
    const pacer = new WritebackPacer(flush, Infinity);
    pacer.wrote(Number.MAX_SAFE_INTEGER);
    expect(pending).toHaveLength(0);
    await pacer.settle();
    for (const bad of [0, -1, Number.NaN]) expect(() => new WritebackPacer(flush, bad)).toThrow(RangeError);
  });
});
