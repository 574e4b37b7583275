import { describe, expect, it } from 'vitest';
import { cinderTimestamp, toCinderTimestamp } from './cinder-timestamp.js';

describe('cinderTimestamp', () => {
  it('prints UTC with six fraction digits and no zone', () => {
    expect(cinderTimestamp(new Date('2019-03-11T16:24:34.469Z'))).toBe('2019-03-11T16:24:34.469000');
    expect(cinderTimestamp(new Date('2019-03-11T18:24:34+02:00'))).toBe('2019-03-11T16:24:34.000000');
  });

  it('adds sub-millisecond microseconds', () => {
    expect(cinderTimestamp(new Date('2019-03-11T16:24:34.469Z'), 3)).toBe('2019-03-11T16:24:34.469003');
    expect(cinderTimestamp(new Date('2019-03-11T16:24:34.009Z'), 999)).toBe('2019-03-11T16:24:34.009999');
  });

  it('refuses an invalid Date', () => {
    expect(() => cinderTimestamp(new Date('nope'))).toThrow(RangeError);
  });
});

describe('toCinderTimestamp', () => {
  it.each([
    ['2026-11-26T17:07:08.319757Z', '2026-11-26T17:07:08.319757'],
    ['2026-11-26 17:07:08.319757+00', '2026-11-26T17:07:08.319757'],
    ['2026-11-26 19:07:08.5+02:00', '2026-11-26T17:07:08.500000'],
    ['2026-11-26T12:37:08.123456789-0430', '2026-11-26T17:07:08.123456'],
    ['2026-11-26T17:07:08', '2026-11-26T17:07:08.000000'],
  ])('keeps the microseconds of %s', (input, expected) => {
    expect(toCinderTimestamp(input)).toBe(expected);
  });

  it('accepts a Date', () => {
    expect(toCinderTimestamp(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05.678000');
  });

  it('refuses text that is not a timestamp', () => {
    expect(() => toCinderTimestamp('yesterday')).toThrow(RangeError);
  });
});
