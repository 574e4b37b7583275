/**
 * Canonical JSON (RFC 8785-like): object keys sorted by UTF-16 code units, no whitespace, strings and
 * numbers serialized as ECMAScript's JSON.stringify does (shortest round-trip numbers, `-0` as `0`).
 * Two values that are equal as JSON always give the same text, whatever their key order.
 *
 * Accepts what JSON.parse returns (plus `toJSON` and `undefined` members, treated as JSON.stringify
 * does); refuses what JSON cannot express (non-finite numbers, bigint, functions, symbols).
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = serialize(value);
  } catch (e) {
    if (e instanceof Refused) throw new TypeError(`canonicalJson: $${e.path} ${e.what}, which JSON cannot express`);
    throw e;
  }
  if (text === undefined) throw new TypeError('canonicalJson: the value itself is not JSON (undefined, function or symbol)');
  return text;
}

/** A value JSON cannot express; the path to it is prepended as the refusal unwinds (hashing hot path: no path strings otherwise). */
class Refused {
  path = '';
  constructor(readonly what: string) {}
  under(segment: string): Refused {
    this.path = segment + this.path;
    return this;
  }
}

function serialize(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Refused(`is ${value}`);
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new Refused('is a bigint');
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      text += member(value[i], i) ?? 'null';
    }
    return text + ']';
  }
  // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 asks.
  const keys = Object.keys(value as object).sort();
  let text = '{';
  for (const key of keys) {
    const item = member((value as Record<string, unknown>)[key], key);
    if (item === undefined) continue;
    if (text.length > 1) text += ',';
    text += quoted(key) + item;
  }
  return text + '}';
}

/** `"key":`, kept for the keys events repeat (their field names); others are quoted each time. */
const quotedKeys = new Map<string, string>();
function quoted(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key) + ':';
    if (quotedKeys.size < 4096) quotedKeys.set(key, q);
  }
  return q;
}

function member(value: unknown, at: string | number): string | undefined {
  try {
    return serialize(value);
  } catch (e) {
    if (e instanceof Refused) throw e.under(typeof at === 'number' ? `[${at}]` : `.${at}`);
    throw e;
  }
}
