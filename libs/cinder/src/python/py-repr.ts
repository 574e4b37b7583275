// Characters Python's repr() prints as escapes: categories C* (control, format, surrogate, private use,
// unassigned), line/paragraph separators, and every space separator except the ASCII space.
const NOT_PRINTABLE = /[\p{C}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;

const hex = (cp: number, width: number): string => cp.toString(16).padStart(width, '0');

/** Python `repr(str)`: quotes chosen as Python does, escapes for non-printable characters. */
export function pyStrRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f || !NOT_PRINTABLE.test(ch)) out += ch;
    else if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
    else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out + quote;
}

/** Python `repr()` of a JSON number: ints as digits, floats in Python's shortest form (`1e-05`, `1e+16`). */
export function pyNumberRepr(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e16) return String(value);
  // Python pads the exponent to two digits and keeps the sign: 1e-05, 1.5e+16.
  return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * Python `repr()` of a JSON-decoded value: `None`, `True`, `'text'`, `[1, 'a']`, `{'k': 'v'}`.
 * Object keys keep JavaScript's order (integer-like keys first), Python's would be insertion order.
 */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'bigint') return pyNumberRepr(value);
  if (typeof value === 'string') return pyStrRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${pyStrRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
}

/** Python `str()`: strings as they are, everything else as {@link pyRepr}. */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}
