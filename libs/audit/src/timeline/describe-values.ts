const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** `1073741824` → `1 GiB`, `67108864` → `64 MiB`, `1610612736` → `1.5 GiB`. */
export function bytes(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${UNITS[unit]}`;
}

/** A user string in quotes, cut to `max` characters. */
export function quoted(s: unknown, max = 60): string {
  const text = String(s);
  return `'${text.length > max ? `${text.slice(0, max - 1)}…` : text}'`;
}

/** A long digest, recognisable but short: `sha256-4m:3f2a9c0d1e2b…`. */
export function shortDigest(s: unknown, keep = 22): string {
  const text = String(s);
  return text.length > keep ? `${text.slice(0, keep)}…` : text;
}

/** `metadata: +k3, -k1, ~k2` (added, removed, changed value) between two metadata maps. */
export function metadataChange(before: Record<string, string>, after: Record<string, string>): string {
  const added = Object.keys(after).filter((k) => !(k in before)).map((k) => `+${k}`);
  const removed = Object.keys(before).filter((k) => !(k in after)).map((k) => `-${k}`);
  const changed = Object.keys(after).filter((k) => k in before && before[k] !== after[k]).map((k) => `~${k}`);
  const all = [...added, ...removed, ...changed];
  return all.length === 0 ? 'metadata: unchanged' : `metadata: ${all.join(', ')}`;
}

/** `failed: CODE (reason)`. */
export function failure(what: string, data: Record<string, unknown>): string {
  const reason = data.reason ? ` (${String(data.reason).slice(0, 80)})` : '';
  return `${what}: ${String(data.code ?? 'unknown')}${reason}`;
}
