import { dataExtents, nativeExtentsAvailable } from './native-extents.js';

/** Bytes of the file mapped per call into the addon: bounds memory on badly fragmented files. */
const MAP_WINDOW = 1024 ** 3;

/**
 * Where an open image's data is, as the filesystem reports it (SEEK_DATA/SEEK_HOLE through the
 * native addon); everything else is a hole and reads as zeros. Consumed front to back: queries
 * must not go backwards. Mapped lazily, one window at a time.
 *
 * The map is only as current as the moment each window was asked for: the image must not be
 * written while it is in use (the caller keeps the volume quiescent).
 */
export class DataMap {
  /** Known extents, sorted, from `first` on; `[0, mapped)` has been asked for. */
  private extents: Array<[number, number]> = [];
  private first = 0;
  private mapped = 0;

  private constructor(
    private readonly query: (start: number, end: number) => Array<[number, number]>,
    private readonly size: number,
  ) {}

  /**
   * The map of the open file `fd` of `size` bytes, or null when it cannot be had (the addon is
   * not built): then every byte must be read.
   */
  static open(fd: number, size: number): DataMap | null {
    return nativeExtentsAvailable() ? new DataMap((s, e) => dataExtents(fd, s, e) ?? [[s, e]], size) : null;
  }

  /** A map over given extents (sorted, disjoint), for tests. */
  static of(extents: Array<[number, number]>, size: number): DataMap {
    return new DataMap((s, e) => extents.filter(([a, b]) => a < e && b > s).map(([a, b]) => [Math.max(a, s), Math.min(b, e)]), size);
  }

  /** The data extents overlapping `[start, end)`, clipped to it; empty if it is all hole. */
  dataIn(start: number, end: number): Array<[number, number]> {
    this.mapUpTo(end);
    this.skipBefore(start);
    const out: Array<[number, number]> = [];
    for (let i = this.first; i < this.extents.length && this.extents[i][0] < end; i++) {
      const [s, e] = this.extents[i];
      out.push([Math.max(s, start), Math.min(e, end)]);
    }
    return out;
  }

  /** Offset of the first data byte at or after `pos`, or the size when only holes follow. */
  nextData(pos: number): number {
    for (;;) {
      this.skipBefore(pos);
      if (this.first < this.extents.length) return Math.max(this.extents[this.first][0], pos);
      if (this.mapped >= this.size) return this.size;
      this.mapUpTo(Math.max(pos, this.mapped) + 1);
    }
  }

  /** Makes sure `[0, min(end, size))` is mapped, whole windows at a time. */
  private mapUpTo(end: number): void {
    while (this.mapped < Math.min(end, this.size)) {
      const to = Math.min(this.mapped + MAP_WINDOW, this.size);
      for (const extent of this.query(this.mapped, to)) this.extents.push(extent);
      this.mapped = to;
    }
  }

  /** Forgets the extents that end at or before `pos`. */
  private skipBefore(pos: number): void {
    while (this.first < this.extents.length && this.extents[this.first][1] <= pos) this.first++;
    if (this.first > 4096 && this.first * 2 > this.extents.length) {
      this.extents = this.extents.slice(this.first);
      this.first = 0;
    }
  }
}
