import { describe, expect, it } from 'vitest';
import { BufferPool } from './buffer-pool.js';

describe('BufferPool', () => {
  it('hands back a buffer it was given, of the same length only', () => {
    const pool = new BufferPool(1024);
    const a = pool.take(256);
    expect(a.length).toBe(256);
    pool.give(a);
    expect(pool.idleSize).toBe(256);
    expect(pool.take(128)).not.toBe(a);
    expect(pool.take(256)).toBe(a);
    expect(pool.idleSize).toBe(0);
    expect(pool.take(256)).not.toBe(a);
  });

  it('keeps at most maxBytes idle and drops what is given back beyond that', () => {
    const pool = new BufferPool(512);
    const [a, b, c] = [pool.take(256), pool.take(256), pool.take(256)];
    pool.give(a);
    pool.give(b);
    pool.give(c);
    expect(pool.idleSize).toBe(512);
    const taken = new Set([pool.take(256), pool.take(256), pool.take(256)]);
    expect(taken.has(a) && taken.has(b)).toBe(true);
    expect(taken.has(c)).toBe(false);
  });

  it('never hands out a slice of a shared allocation pool', () => {
    const small = new BufferPool(1024).take(64);
    expect(small.byteOffset).toBe(0);
    expect(small.buffer.byteLength).toBe(64);
  });
});
