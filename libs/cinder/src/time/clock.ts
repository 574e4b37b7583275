import { cinderTimestamp } from './cinder-timestamp.js';

/** Source of "now", injected so domain code and tests never read the system clock directly. */
export interface Clock {
  /** Now as a Date (millisecond precision). */
  now(): Date;
  /** Now as Cinder's `YYYY-MM-DDTHH:MM:SS.ffffff` with real microseconds. */
  nowCinder(): string;
}

/**
 * The system clock with microsecond precision: `performance.timeOrigin + performance.now()` carries the
 * sub-millisecond part that `Date.now()` drops (Cinder's create responses show microseconds).
 */
export const systemClock: Clock = {
  now: () => new Date(),
  nowCinder: () => {
    const epochMicros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    return cinderTimestamp(new Date(Math.floor(epochMicros / 1000)), epochMicros % 1000);
  },
};

/** A clock frozen at `instant` (micros = extra microseconds, 0–999), for tests. */
export function fixedClock(instant: Date, micros = 0): Clock {
  return { now: () => new Date(instant), nowCinder: () => cinderTimestamp(instant, micros) };
}

/** Now in Cinder's timestamp format, from {@link systemClock}. */
export function nowCinder(): string {
  return systemClock.nowCinder();
}
