import { describe, expect, it } from 'vitest';
import { parseIsoTime } from './iso-time.js';
import { parseTimeComparisons } from './time-comparison.js';

describe('parseIsoTime (oslo parse_isotime + normalize_time)', () => {
  it.each([
    ['2020', '2020-01-01T00:00:00.000000'],
    ['2020-1-1', '2020-01-01T00:00:00.000000'],
    ['20200101', '2020-01-01T00:00:00.000000'],
    ['2020-01-01T1000', '2020-01-01T10:00:00.000000'],
    ['2020-01-01 10:00:00,5', '2020-01-01T10:00:00.500000'],
    ['2020-01-01T10:00:00.123456789Z', '2020-01-01T10:00:00.123456'],
    ['2020-01-01T03:00:00+05:30', '2019-12-31T21:30:00.000000'],
    ['2020-01-01T10:00:00-0530', '2020-01-01T15:30:00.000000'],
  ])('%s → %s UTC', (text, utc) => {
    expect(parseIsoTime(text)).toBe(utc);
  });

  it.each(['202001', '2020-W01', 'abc', '2020-13-01', '2021-02-29', '2020-01-01T24:00', '2020-01-01t10:00'])('refuses %s', (text) => {
    expect(parseIsoTime(text)).toBeUndefined();
  });
});

describe('parseTimeComparisons (volume created_at/updated_at filters)', () => {
  it('reads op:time pairs, the last time of a repeated operator winning', () => {
    expect(parseTimeComparisons('gt:2020-01-01T00:00:00,lt:2021-01-01,gt:2020-06-01')).toEqual([
      { cmp: 'gt', at: '2020-06-01T00:00:00.000000' },
      { cmp: 'lt', at: '2021-01-01T00:00:00.000000' },
    ]);
  });

  it("answers Cinder's messages (checked against cinder-api 21.3.1)", () => {
    expect(() => parseTimeComparisons('xx:2020')).toThrow('Invalid xx operator');
    expect(() => parseTimeComparisons('gt')).toThrow('Invalid gt value');
    expect(() => parseTimeComparisons('gt:abc')).toThrow('Invalid abc value');
    expect(() => parseTimeComparisons('')).toThrow('Invalid  operator');
  });
});
