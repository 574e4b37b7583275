/**
 * The 32 hex digits oslo's `is_uuid_like` compares, or undefined: it removes every `urn:` and `uuid:`,
 * strips `{`/`}` from both ends, drops all hyphens and lower-cases; a UUID is what leaves exactly 32 hex digits.
 */
function uuidDigits(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const digits = value
    .replaceAll('urn:', '')
    .replaceAll('uuid:', '')
    .replace(/^[{}]+|[{}]+$/g, '')
    .replaceAll('-', '')
    .toLowerCase();
  return /^[0-9a-f]{32}$/.test(digits) ? digits : undefined;
}

/**
 * oslo_utils `uuidutils.is_uuid_like`: accepts upper case, no hyphens (or hyphens anywhere), `{…}` and
 * `urn:uuid:` forms; `URN:UUID:` and surrounding spaces are refused.
 */
export function isUuidLike(value: unknown): value is string {
  return uuidDigits(value) !== undefined;
}

/** The canonical lower-case hyphenated form of a {@link isUuidLike} value, else undefined. */
export function canonicalUuid(value: unknown): string | undefined {
  const d = uuidDigits(value);
  return d && `${d.slice(0, 8)}-${d.slice(8, 12)}-${d.slice(12, 16)}-${d.slice(16, 20)}-${d.slice(20)}`;
}
