import { pyStrip } from '../python/py-strip.js';

const PY_INT = /^[+-]?\d+(?:_\d+)*$/;

/**
 * Python `int(text)` for a query value: surrounding whitespace, a sign and `_` between digits are
 * allowed (`' 5 '`, `'+2'`, `'1_000'`); anything else (`'1.5'`, `''`, `'abc'`) is undefined.
 */
export function pyIntFromString(text: string): number | undefined {
  const s = pyStrip(text);
  if (!PY_INT.test(s)) return undefined;
  return Number(s.replaceAll('_', ''));
}
