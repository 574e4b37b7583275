/** `2026-11-26T17:01:02.123456Z` (event time) → `2026-11-26T17:01:02.123456` (Cinder's wire format). */
export function cinderTime(at: string): string {
  return at.endsWith('Z') ? at.slice(0, -1) : at;
}
