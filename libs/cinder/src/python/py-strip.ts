// Python's str.isspace() set (Unicode White_Space plus the ASCII separators 0x1c–0x1f), which is not
// JavaScript's: String.prototype.trim also strips U+FEFF and keeps 0x1c–0x1f and U+0085.
const PY_WHITESPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const LEADING = new RegExp(`^${PY_WHITESPACE.source}+`);
const TRAILING = new RegExp(`${PY_WHITESPACE.source}+$`);

/** Python `str.strip()` with no argument: what Cinder applies to names and descriptions. */
export function pyStrip(value: string): string {
  return value.replace(LEADING, '').replace(TRAILING, '');
}
