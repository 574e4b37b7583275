const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Cinder's timestamp text (oslo `PERFECT_TIME_FORMAT`): `YYYY-MM-DDTHH:MM:SS.ffffff` in UTC,
 * always six fraction digits and no zone suffix.
 * @param micros microseconds beyond the Date's milliseconds (0–999), for sub-millisecond precision.
 */
export function cinderTimestamp(date: Date, micros = 0): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  const fraction = date.getUTCMilliseconds() * 1000 + Math.min(999, Math.max(0, Math.trunc(micros)));
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}` +
    `.${pad(fraction, 6)}`
  );
}

const ISO_LIKE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Converts a stored timestamp to Cinder's text without losing microseconds: a Date, or an ISO-8601 /
 * Postgres string with up to 6+ fraction digits and optional zone (none means UTC).
 */
export function toCinderTimestamp(value: Date | string): string {
  if (value instanceof Date) return cinderTimestamp(value);
  const match = ISO_LIKE.exec(value.trim());
  if (!match) throw new RangeError(`Not a timestamp: ${value}`);
  const [, day, time, digits = '', zone = 'Z'] = match;
  const seconds = new Date(`${day}T${time}${isoZone(zone)}`);
  // Whole seconds come from the Date (zone applied); the fraction is copied digit for digit.
  return `${cinderTimestamp(seconds).slice(0, 20)}${digits.padEnd(6, '0').slice(0, 6)}`;
}

/** `Z`, `+05`, `+0530`, `+05:30` → a zone `Date` parses (`Z`, `+05:00`, `+05:30`). */
function isoZone(zone: string): string {
  if (zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '').padEnd(4, '0');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2)}`;
}
