// iso8601's ISO8601_REGEX (what oslo `timeutils.parse_isotime` uses), matched from the start.
const ISO8601 = new RegExp(
  String.raw`^(?<year>[0-9]{4})(((-(?<monthdash>[0-9]{1,2}))|(?<month>[0-9]{2})(?!$))` +
    String.raw`(((-(?<daydash>[0-9]{1,2}))|(?<day>[0-9]{2}))` +
    String.raw`(([ T])(?<hour>[0-9]{2})(:?(?<minute>[0-9]{2}))?(:?(?<second>[0-9]{1,2})([.,](?<fraction>[0-9]+))?)?` +
    String.raw`(?<timezone>Z|((?<tzsign>[-+])(?<tzhour>[0-9]{2}):?(?<tzminute>[0-9]{2})?))?)?)?)?\n?$`,
);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * oslo `timeutils.parse_isotime` then `normalize_time`: the instant as naive UTC text
 * `YYYY-MM-DDTHH:MM:SS.ffffff` (the read model's format), or undefined where Python raises.
 * Omitted parts default to the start (`2024` → 2024-01-01T00:00:00), no zone means UTC.
 */
export function parseIsoTime(text: string): string | undefined {
  const g = ISO8601.exec(text)?.groups;
  if (!g) return undefined;
  const num = (v: string | undefined, dflt: number) => (v === undefined ? dflt : Number(v));
  const [year, month, day] = [Number(g.year), num(g.monthdash ?? g.month, 1), num(g.daydash ?? g.day, 1)];
  const [hour, minute, second] = [num(g.hour, 0), num(g.minute, 0), num(g.second, 0)];
  const micros = g.fraction === undefined ? 0 : Math.floor(Number(`0.${g.fraction}`) * 1e6 + 1e-7);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetMinutes = !g.tzsign ? 0 : (g.tzsign === '-' ? -1 : 1) * (Number(g.tzhour) * 60 + num(g.tzminute, 0));
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute - offsetMinutes, second, 0);
  const date = `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  return `${date}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.${pad(micros, 6)}`;
}

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
