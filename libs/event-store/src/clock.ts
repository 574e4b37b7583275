/** Current UTC time as ISO 8601 with microseconds (`2026-11-26T17:01:02.123456Z`). */
export function microsNow(): string {
  const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString(); // ...SS.mmmZ
  return `${iso.slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
}
