import { pyStrip } from './py-strip.js';

const PY_INT = /^[+-]?\d+(?:_\d+)*$/;
const PY_FLOAT = /^[+-]?(?:(?:\d+(?:_\d+)*)?\.?\d*(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)$/i;

/**
 * What Cinder's schema validator compares against `minimum`/`maximum` (`_number_from_str`): Python
 * `int(value)`, else `float(value)`, else nothing. So `'10'` → 10, `1.9` → 1 (int() truncates), `'1.5'` → 1.5,
 * `True` → 1, `None`/objects → undefined. Big digit strings stay exact as bigint.
 */
export function pyNumberFromValue(value: unknown): number | bigint | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value !== 'string') return undefined;
  const text = pyStrip(value);
  if (PY_INT.test(text)) return BigInt(text.replaceAll('_', ''));
  if (!/\d|inf|nan/i.test(text) || !PY_FLOAT.test(text)) return undefined;
  const lowered = text.toLowerCase().replace(/^([+-]?)inf(inity)?$/, '$1Infinity');
  return lowered.endsWith('nan') ? Number.NaN : Number(lowered.replaceAll('_', ''));
}
