import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text for the same value whatever the key insertion order', () => {
    const one = { snapshotId: 's', size: 1, metadata: { k: 'v', a: 'b' } };
    const two = { metadata: { a: 'b', k: 'v' }, size: 1, snapshotId: 's' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('orders keys by UTF-16 code units, not by code points or locale', () => {
    // U+FB01 (one unit, 0xFB01) sorts after U+1F600 (surrogates 0xD83D 0xDE00) in UTF-16 order,
    // although its code point is smaller; 'B' (0x42) sorts before 'a' (0x61).
    expect(canonicalJson({ '\uFB01': 1, '😀': 2, a: 3, B: 4 })).toBe('{"B":4,"a":3,"😀":2,"ﬁ":1}');
  });

  it('keeps non-ASCII text as is and escapes only what JSON requires', () => {
    expect(canonicalJson({ s: 'été ✓ "q" \\ \n\t\u0001 \u2028' })).toBe('{"s":"été ✓ \\"q\\" \\\\ \\n\\t\\u0001 \u2028"}');
  });

  it('serializes numbers as ECMAScript does: shortest round trip, exponents past 1e21, -0 as 0', () => {
    expect(canonicalJson([1, 1.0, -0, 0.1 + 0.2, 1e21, 1e-7, 123456789012, 5e-324, -1.5])).toBe(
      '[1,1,0,0.30000000000000004,1e+21,1e-7,123456789012,5e-324,-1.5]',
    );
  });

  it('refuses values JSON cannot express rather than hashing something ambiguous', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/\$\.n is NaN/);
    expect(() => canonicalJson({ n: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('names where the refused value sits, at any depth', () => {
    expect(() => canonicalJson({ a: [1, { b: -Infinity }] })).toThrow('canonicalJson: $.a[1].b is -Infinity, which JSON cannot express');
    expect(() => canonicalJson([2n])).toThrow('canonicalJson: $[0] is a bigint, which JSON cannot express');
  });

  it('quotes keys that need escaping, also when they repeat', () => {
    const odd = { 'a"b': 1, 'c\\d': { 'a"b': 2 } };
    expect(canonicalJson(odd)).toBe(JSON.stringify({ 'a"b': 1, 'c\\d': { 'a"b': 2 } }));
    expect(canonicalJson(odd)).toBe(canonicalJson(odd));
  });

  it('treats undefined members and toJSON like JSON.stringify', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(canonicalJson({ a: undefined, at, list: [undefined] })).toBe('{"at":"2026-01-02T03:04:05.678Z","list":[null]}');
  });
});
