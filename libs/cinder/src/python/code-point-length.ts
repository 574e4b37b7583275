/** Python `len()` of a string: code points, so an emoji counts 1 where `String.length` says 2. */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
