import { describe, expect, it } from 'vitest';
import { literalEval, PyDict, PyFloat, pyLiteralStr } from './python-literal.js';

// Expected values are what CPython 3.11's ast.literal_eval returns for the same text.
describe('literalEval (ast.literal_eval)', () => {
  it('reads dicts written the Python way or as JSON, trailing commas included', () => {
    for (const text of ["{'k':'v1'}", '{"k": "v1"}', "{'k': 'v1',}", " \t{'k' : 'v1'} "]) {
      expect(literalEval(text)).toEqual(new PyDict([['k', 'v1']]));
    }
    expect(literalEval('{}')).toEqual(new PyDict([]));
    expect(literalEval("{1: None, 'a': True}")).toEqual(new PyDict([[1, null], ['a', true]]));
  });

  it('reads scalars: ints, floats, names, strings with escapes and prefixes', () => {
    expect(literalEval('1')).toBe(1);
    expect(literalEval('-1_000')).toBe(-1000);
    expect(literalEval('0x1f')).toBe(31);
    expect(literalEval('1.0')).toEqual(new PyFloat(1));
    expect(literalEval('None')).toBeNull();
    expect(literalEval('False')).toBe(false);
    expect(literalEval(String.raw`'a\tb\x41\u00e9\101'`)).toBe('a\tbAéA');
    expect(literalEval(String.raw`r'a\n'`)).toBe('a\\n');
    expect(literalEval(`"it's" 'x'`)).toBe("it'sx");
    expect(literalEval(`'''a'b'''`)).toBe("a'b");
  });

  it('reads lists, tuples and sets as arrays, and (1) as just 1', () => {
    expect(literalEval("['available', 'in-use']")).toEqual(['available', 'in-use']);
    expect(literalEval('(1,)')).toEqual([1]);
    expect(literalEval('(1)')).toBe(1);
    expect(literalEval('{1, 2}')).toEqual([1, 2]);
    expect(literalEval('set()')).toEqual([]);
  });

  it('refuses what Python refuses, so Cinder keeps the text', () => {
    for (const text of ['available', 'true', "{'k':'v1'", 'dict(k=1)', '01', "{'a' 'b': 1", '1 2', '', "'a\nb'", '1+2j', 'f"x"']) {
      expect(literalEval(text), text).toBeUndefined();
    }
  });

  it('prints values as Python str() does', () => {
    expect(pyLiteralStr(new PyFloat(1))).toBe('1.0');
    expect(pyLiteralStr(true)).toBe('True');
    expect(pyLiteralStr(literalEval("{'a': [1, None]}")!)).toBe("{'a': [1, None]}");
  });
});
