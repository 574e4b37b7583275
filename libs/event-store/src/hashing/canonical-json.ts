/**
 * Canonical JSON (RFC 8785-like): object keys sorted by UTF-16 code units, no whitespace, strings and
 * numbers serialized as ECMAScript's JSON.stringify does (shortest round-trip numbers, `-0` as `0`).
 * Two values that are equal as JSON always give the same text, whatever their key order.
 *
 * Accepts what JSON.parse returns (plus `toJSON` and `undefined` members, treated as JSON.stringify
 * does); refuses what JSON cannot express (non-finite numbers, bigint, functions, symbols).
 */
export function canonicalJson(value: unknown): string {
  const text = serialize(value, '$');
  if (text === undefined) throw new TypeError('canonicalJson: the value itself is not JSON (undefined, function or symbol)');
  return text;
}

function serialize(value: unknown, path: string): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is ${value}, which JSON cannot express`);
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError(`canonicalJson: ${path} is a bigint, which JSON cannot express`);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => serialize(item, `${path}[${i}]`) ?? 'null').join(',')}]`;
  }
  const members: string[] = [];
  // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 asks.
  for (const key of Object.keys(value as object).sort()) {
    const text = serialize((value as Record<string, unknown>)[key], `${path}.${key}`);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}
