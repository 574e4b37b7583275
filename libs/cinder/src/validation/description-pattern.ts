import { DESCRIPTION_RANGES } from './description-ranges.data.js';
import { type PyPattern, pyPattern } from './py-pattern.js';

type Range = readonly [number, number];

const RANGES: readonly Range[] = DESCRIPTION_RANGES.split(' ').map((token) => {
  const [lo, hi = lo] = token.split('-').map((h) => Number.parseInt(h, 16));
  return [lo!, hi!] as const;
});

// Python 3.7+ re.escape() escapes exactly these.
const PY_SPECIAL = new Set('()[]{}?*+-|^$\\.&~# \t\n\r\v\f');
const pyEscape = (cp: number): string => {
  const ch = String.fromCodePoint(cp);
  return PY_SPECIAL.has(ch) ? `\\${ch}` : ch;
};

const toUnicodeEscape = (cp: number): string => `\\u{${cp.toString(16)}}`;

const characterClass = (write: (cp: number) => string): string =>
  RANGES.map(([lo, hi]) => (lo === hi ? write(lo) : `${write(lo)}-${write(hi)}`)).join('');

const SOURCE = `^[${characterClass(pyEscape)}]*$`;
const REGEX = new RegExp(`^[${characterClass(toUnicodeEscape)}]*$`, 'u');

/**
 * Cinder's `description` pattern (`parameter_types.description`): printable BMP characters only, so
 * newlines, tabs, other controls, format characters (ZWJ, soft hyphen), U+2028/2029 and emoji fail.
 * `source` is Cinder's pattern text exactly, as quoted in its "does not match" message.
 */
export const DESCRIPTION_PATTERN: PyPattern = pyPattern(SOURCE, REGEX);
