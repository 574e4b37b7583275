import { PyDict, PyFloat, type PyLiteral, pyLiteralStr } from './python-literal.js';

const text = (v: PyLiteral): string | undefined =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || v instanceof PyFloat ? pyLiteralStr(v) : undefined;

/**
 * A `metadata` filter value (`ast.literal_eval` of the query value) as key/value pairs that must all be
 * present; `'none'` when it can match nothing: not a dict (Cinder then returns an empty list), or a key or
 * value that is no string or number (NULL, booleans, nested literals never equal a metadata string).
 */
export function metadataPairs(value: PyLiteral | undefined): Record<string, string> | 'none' {
  if (!(value instanceof PyDict)) return 'none';
  const pairs: Record<string, string> = Object.create(null);
  for (const [k, v] of value.entries) {
    const [key, val] = [text(k), text(v)];
    if (key === undefined || val === undefined) return 'none';
    pairs[key] = val;
  }
  return pairs;
}
