import { describe, expect, it } from 'vitest';
import { pyNumberFromValue } from './py-number.js';

describe('pyNumberFromValue (Cinder _number_from_str)', () => {
  it.each<[unknown, number | bigint | undefined]>([
    ['10', 10n],
    [' 7 ', 7n],
    ['1_000', 1000n],
    ['99999999999999999999', 99999999999999999999n],
    ['-3', -3n],
    ['1.5', 1.5],
    ['1e3', 1000],
    [1.9, 1],
    [true, 1],
    [42, 42],
    ['abc', undefined],
    ['', undefined],
    [null, undefined],
    [[1], undefined],
  ])('%j → %s', (input, expected) => {
    expect(pyNumberFromValue(input)).toBe(expected);
  });

  it('reads inf and nan like float()', () => {
    expect(pyNumberFromValue('-inf')).toBe(-Infinity);
    expect(pyNumberFromValue('NaN')).toBeNaN();
  });
});
