import { describe, expect, it } from 'vitest';
import { parseBooleanParam, parseBooleanStrict } from './parse-boolean-strict.js';

describe('parseBooleanStrict (oslo bool_from_string strict)', () => {
  it.each<[unknown, boolean]>([
    [true, true],
    [false, false],
    ['True', true],
    [' YES ', true],
    ['t', true],
    ['1', true],
    [1, true],
    ['off', false],
    ['N', false],
    [0, false],
  ])('%j → %s', (input, expected) => {
    expect(parseBooleanStrict(input)).toBe(expected);
  });

  it('refuses anything else, null included, listing the acceptable values', () => {
    expect(() => parseBooleanStrict('abc')).toThrow(
      "Unrecognized value 'abc', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
    );
    expect(() => parseBooleanStrict(null)).toThrow("Unrecognized value 'None'");
    expect(() => parseBooleanStrict(2)).toThrow("Unrecognized value '2'");
  });
});

describe('parseBooleanParam (Cinder get_bool_param)', () => {
  it('reads query values case-insensitively', () => {
    expect(parseBooleanParam('with_count', 'TRUE')).toBe(true);
    expect(parseBooleanParam('with_count', 'no')).toBe(false);
  });

  it('answers 400 with the message the oracle gives for with_count=abc', () => {
    expect(() => parseBooleanParam('with_count', 'abc')).toThrow("Value 'abc' for 'with_count' is not a boolean.");
    expect(() => parseBooleanParam('multiattach', null)).toThrow("Value 'None' for 'multiattach' is not a boolean.");
  });

  it('does not strip spaces, unlike the strict parser', () => {
    expect(() => parseBooleanParam('with_count', ' true')).toThrow(/is not a boolean/);
  });
});
