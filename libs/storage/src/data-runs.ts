import { zeroBytes } from './zero-bytes.js';

/** Granularity at which zero regions inside a data chunk are left as holes (a multiple of fs block sizes). */
export const HOLE_GRANULARITY = 64 * 1024;

/**
 * The `[start, end)` byte ranges of `buf` that hold data, at `blockSize` granularity: a block
 * that is entirely zero separates runs. An empty result means `buf` is all zeros.
 * Compares use `Buffer#compare` against a shared zero buffer (memcmp speed). With `extents` (the
 * ranges of `buf` that may hold data, sorted), blocks outside all of them are zeros without a look.
 */
export function dataRuns(buf: Buffer, blockSize = HOLE_GRANULARITY, extents?: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const zero = zeroBytes(Math.min(blockSize, buf.length));
  const runs: Array<[number, number]> = [];
  let start = -1;
  let e = 0;
  for (let off = 0; off < buf.length; off += blockSize) {
    const end = Math.min(off + blockSize, buf.length);
    while (extents && e < extents.length && extents[e]![1] <= off) e++;
    const unread = extents !== undefined && (e === extents.length || extents[e]![0] >= end);
    const isZero = unread || zero.compare(buf, off, end, 0, end - off) === 0;
    if (!isZero && start < 0) start = off;
    else if (isZero && start >= 0) {
      runs.push([start, off]);
      start = -1;
    }
  }
  if (start >= 0) runs.push([start, buf.length]);
  return runs;
}
