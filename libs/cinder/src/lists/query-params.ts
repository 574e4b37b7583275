/**
 * A request's query string as webob reads it for Cinder: ordered `key=value` pairs (`+` is a space,
 * blank values kept). Where Cinder reads one value (`req.GET[key]`) the last occurrence counts.
 */
export class QueryParams {
  readonly pairs: ReadonlyArray<readonly [string, string]>;

  constructor(pairs: Iterable<readonly [string, string]>) {
    this.pairs = [...pairs];
  }

  /** Parses a query string `a=1&b=2` (a leading `?` is ignored). */
  static parse(query: string): QueryParams {
    return new QueryParams(new URLSearchParams(query));
  }

  /** The query part of a URL or request path (`/v3/p/snapshots?limit=1`); none when it has no `?`. */
  static fromUrl(url: string): QueryParams {
    const at = url.indexOf('?');
    return QueryParams.parse(at >= 0 ? url.slice(at + 1) : '');
  }

  has(key: string): boolean {
    return this.pairs.some(([k]) => k === key);
  }

  get(key: string): string | undefined {
    return this.pairs.findLast(([k]) => k === key)?.[1];
  }

  /** Each key once, in the order of its first occurrence, with its last value. */
  toMap(): Map<string, string> {
    const map = new Map<string, string>();
    for (const [k] of this.pairs) if (!map.has(k)) map.set(k, this.get(k)!);
    return map;
  }

  /** The same query with `key` set to `value` (old occurrences removed, the new one last: webob's `params[key] = v`). */
  with(key: string, value: string): QueryParams {
    return new QueryParams([...this.pairs.filter(([k]) => k !== key), [key, value]]);
  }

  /** Python `urllib.parse.urlencode(pairs)`: `quote_plus` on keys and values. */
  encode(): string {
    return this.pairs.map(([k, v]) => `${quotePlus(k)}=${quotePlus(v)}`).join('&');
  }
}

/** Python `urllib.parse.quote_plus`: only letters, digits and `_.-~` stay; a space becomes `+`. */
export function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');
}
