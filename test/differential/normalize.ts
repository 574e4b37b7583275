/** What differs between two targets by nature, not by behaviour: hosts, project ids, ids, times. */
export interface Normalizer {
  /** Base URLs of the target (`http://127.0.0.1:18779`), replaced by `<base>`. */
  origins: string[];
  /** Literal values replaced by a label, e.g. a project id → `<project>` (longest first). */
  labels: Record<string, string>;
}

const REQUEST_ID = /req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const HEX32 = /(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/gi;
// Cinder's `2026-11-26T17:31:46.000000`, ISO with Z or an offset, and the versions document's date.
const TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?/g;

/** Replaces hosts, known labels, request ids, uuids, 32-hex ids and timestamps in a string. */
export function normalizeText(text: string, n: Normalizer): string {
  let out = text;
  for (const origin of n.origins) out = out.split(origin).join('<base>');
  for (const [value, label] of Object.entries(n.labels).sort((a, b) => b[0].length - a[0].length)) {
    if (value) out = out.split(value).join(label);
  }
  return out.replace(REQUEST_ID, '<request-id>').replace(UUID, '<uuid>').replace(HEX32, '<hex32>').replace(TIME, '<time>');
}

/** `normalizeText` applied to every string (and object key) of a JSON value. */
export function normalizeJson(value: unknown, n: Normalizer): unknown {
  if (typeof value === 'string') return normalizeText(value, n);
  if (Array.isArray(value)) return value.map((v) => normalizeJson(v, n));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [normalizeText(k, n), normalizeJson(v, n)]));
  }
  return value;
}
