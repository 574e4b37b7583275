import { describe, expect, it } from 'vitest';
import { DataMap } from './data-map.js';

const GiB = 1024 ** 3;

describe('DataMap', () => {
  it('gives the extents overlapping a range, clipped to it, front to back', () => {
    const map = DataMap.of(
      [
        [100, 200],
        [300, 400],
        [1000, 1100],
      ],
      2000,
    );
    expect(map.dataIn(0, 50)).toEqual([]);
    expect(map.dataIn(50, 350)).toEqual([
      [100, 200],
      [300, 350],
    ]);
    expect(map.dataIn(350, 1000)).toEqual([[350, 400]]);
    expect(map.dataIn(1000, 2000)).toEqual([[1000, 1100]]);
  });

  it('finds the next data, or the size when only holes follow', () => {
    const map = DataMap.of([[4096, 8192]], 10_000);
    expect(map.nextData(0)).toBe(4096);
    expect(map.nextData(5000)).toBe(5000);
    expect(map.nextData(8192)).toBe(10_000);
    expect(DataMap.of([], 0).nextData(0)).toBe(0);
  });

  it('maps large files window by window, including extents that cross a window edge', () => {
    const size = 5 * GiB + 7;
    const extents: Array<[number, number]> = [
      [GiB - 4096, GiB + 4096],
      [3 * GiB + 1, 3 * GiB + 2],
      [size - 3, size],
    ];
    const map = DataMap.of(extents, size);
    expect(map.nextData(0)).toBe(GiB - 4096);
    expect(map.dataIn(GiB - 8192, GiB + 8192)).toEqual([
      [GiB - 4096, GiB],
      [GiB, GiB + 4096],
    ]);
    expect(map.nextData(GiB + 4096)).toBe(3 * GiB + 1);
    expect(map.dataIn(3 * GiB, 4 * GiB)).toEqual([[3 * GiB + 1, 3 * GiB + 2]]);
    expect(map.nextData(4 * GiB)).toBe(size - 3);
    expect(map.dataIn(5 * GiB, size)).toEqual([[size - 3, size]]);
    expect(map.nextData(size)).toBe(size);
  });

  it('copes with many small extents', () => {
    const extents: Array<[number, number]> = [];
    for (let off = 0; off < 64 * 1024 * 1024; off += 8192) extents.push([off, off + 4096]);
    const map = DataMap.of(extents, 64 * 1024 * 1024);
    let seen = 0;
    for (let pos = 0; pos < 64 * 1024 * 1024; pos += 4 * 1024 * 1024) seen += map.dataIn(pos, pos + 4 * 1024 * 1024).length;
    expect(seen).toBe(extents.length);
  });
});
