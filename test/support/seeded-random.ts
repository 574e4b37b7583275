/**
 * A small seeded PRNG (mulberry32) for randomized tests: a failing history is rebuilt from its seed.
 * `pick` answers undefined for an empty list; `one` is for lists that cannot be empty.
 */
export function seededRandom(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T | undefined => xs[int(xs.length)];
  const one = <T>(xs: readonly T[]): T => {
    if (xs.length === 0) throw new Error('seededRandom.one: nothing to choose from');
    return xs[int(xs.length)]!;
  };
  return { next, int, pick, one };
}
