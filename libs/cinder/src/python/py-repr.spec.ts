import { describe, expect, it } from 'vitest';
import { pyNumberRepr, pyRepr, pyStr, pyStrRepr } from './py-repr.js';

describe('pyStrRepr (expected values from CPython 3.11)', () => {
  it.each([
    ['abc', "'abc'"],
    ["it's", `"it's"`],
    [`say "hi" it's`, `'say "hi" it\\'s'`],
    ['a\nb\tc\rd', "'a\\nb\\tc\\rd'"],
    ['back\\slash', "'back\\\\slash'"],
    ['\u0001\u007f', "'\\x01\\x7f'"],
    ['é\u00a0\u00ad', "'é\\xa0\\xad'"],
    ['\u200b\u2028\u3000 ', "'\\u200b\\u2028\\u3000 '"],
    ['😀', "'😀'"],
    ['\u{e0001}', "'\\U000e0001'"],
    ['\ud800', "'\\ud800'"],
    ['', "''"],
  ])('repr(%j) is %s', (input, expected) => {
    expect(pyStrRepr(input)).toBe(expected);
  });
});

describe('pyNumberRepr', () => {
  it.each([
    [5, '5'],
    [-1, '-1'],
    [1.5, '1.5'],
    [1e-7, '1e-07'],
    [0.0001, '0.0001'],
    [1.5e-5, '1.5e-05'],
    [12345678901234567, '12345678901234568'],
    [1e21, '1000000000000000000000'],
    [2n ** 70n, '1180591620717411303424'],
  ])('repr(%s) is %s', (input, expected) => {
    expect(pyNumberRepr(input)).toBe(expected);
  });
});

describe('pyRepr', () => {
  it('renders JSON values as Python literals', () => {
    expect(pyRepr(null)).toBe('None');
    expect(pyRepr(true)).toBe('True');
    expect(pyRepr(false)).toBe('False');
    expect(pyRepr([1, 'a', null])).toBe("[1, 'a', None]");
    const dict = { volume_id: 'x', foo: 1, nested: { b: [true] } };
    expect(pyRepr(dict)).toBe("{'volume_id': 'x', 'foo': 1, 'nested': {'b': [True]}}");
    expect(pyRepr({})).toBe('{}');
  });

  it("quotes dict keys like strings, switching quotes for a key with '", () => {
    expect(pyRepr({ "it's": 'v' })).toBe(`{"it's": 'v'}`);
  });
});

describe('pyStr', () => {
  it('leaves strings bare and reprs the rest', () => {
    expect(pyStr('a\nb')).toBe('a\nb');
    expect(pyStr(null)).toBe('None');
    expect(pyStr({ k: 'v' })).toBe("{'k': 'v'}");
  });
});
