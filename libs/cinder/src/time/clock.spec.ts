import { describe, expect, it } from 'vitest';
import { fixedClock, nowCinder, systemClock } from './clock.js';

const CINDER_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

describe('clocks', () => {
  it('give the system time in Cinder format, within a second of Date.now', () => {
    const text = nowCinder();
    expect(text).toMatch(CINDER_FORMAT);
    expect(Math.abs(Date.parse(`${text}Z`) - Date.now())).toBeLessThan(1000);
  });

  it('carry microseconds beyond the millisecond', () => {
    const samples = Array.from({ length: 50 }, () => systemClock.nowCinder().slice(-3));
    expect(samples.some((micros) => micros !== '000')).toBe(true);
  });

  it('can be frozen for tests', () => {
    const clock = fixedClock(new Date('2020-01-01T00:00:00.123Z'), 456);
    expect(clock.nowCinder()).toBe('2020-01-01T00:00:00.123456');
    expect(clock.now().toISOString()).toBe('2020-01-01T00:00:00.123Z');
  });
});
