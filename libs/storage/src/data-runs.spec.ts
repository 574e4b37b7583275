import { describe, expect, it } from 'vitest';
import { dataRuns, HOLE_GRANULARITY } from './data-runs.js';

const B = HOLE_GRANULARITY;

describe('dataRuns', () => {
  it('finds no data in a zero buffer', () => {
    expect(dataRuns(Buffer.alloc(4 * B))).toEqual([]);
    expect(dataRuns(Buffer.alloc(0))).toEqual([]);
  });

  it('returns block-aligned runs around data and merges adjacent blocks', () => {
    const buf = Buffer.alloc(8 * B);
    buf[B + 5] = 1; // block 1
    buf[2 * B] = 1; // block 2, adjacent
    buf[6 * B - 1] = 1; // block 5
    expect(dataRuns(buf)).toEqual([
      [B, 3 * B],
      [5 * B, 6 * B],
    ]);
  });

  it('handles a short final block', () => {
    const buf = Buffer.alloc(2 * B + 10);
    buf[2 * B + 9] = 7;
    expect(dataRuns(buf)).toEqual([[2 * B, 2 * B + 10]]);
  });

  it('honours a custom block size', () => {
    const buf = Buffer.alloc(4096 * 4);
    buf[4096 * 2] = 1;
    expect(dataRuns(buf, 4096)).toEqual([[8192, 12288]]);
    expect(dataRuns(buf)).toEqual([[0, 4096 * 4]]);
  });

  it('with the extents that were read, takes blocks outside them as zeros without looking at their bytes', () => {
    const buf = Buffer.alloc(4 * B, 0xee); // bytes never read: garbage
    buf.fill(0, B, 2 * B); // a block around an extent: zero-filled, then the extent read into it
    buf.fill(5, B + 100, B + 200);
    buf.fill(0, 3 * B, 4 * B); // an extent read that holds only zeros
    expect(dataRuns(buf, B, [[B + 100, B + 200], [3 * B, 4 * B]])).toEqual([[B, 2 * B]]);
    expect(dataRuns(buf)).toEqual([[0, 3 * B]]);
  });
});
