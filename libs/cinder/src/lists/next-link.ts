import type { QueryParams } from './query-params.js';

/** A collection link (`snapshots_links`, `volumes_links`). */
export interface CollectionLink {
  rel: 'next';
  href: string;
}

/** What {@link nextLink} needs to know about a list response. */
export interface NextLinkInput {
  /** `scheme://host[:port][/prefix]` without the version (see `requestBaseUrl`). */
  baseUrl: string;
  /** The project id when the request URL had one (the link then has it too), else null. */
  projectInUrl: string | null;
  /** `snapshots`, `snapshots/detail`, `volumes`, `volumes/detail`. */
  collection: string;
  /** The request's query, every parameter as sent. */
  query: QueryParams;
  /** Ids of the page's items, in order. */
  ids: readonly string[];
  /** The page size the request asked for (capped at 1000; 1000 when not given). */
  limit: number;
  /** The `with_count` total, or null when not counted. */
  count: number | null;
}

/**
 * Cinder's `ViewBuilder._get_collection_links`: a `next` link — the same query with `marker=<last id>`
 * — when the page has items and `limit <= item_count`, where `item_count` is the total when `with_count`
 * gave one (so, a Cinder quirk kept on purpose, even the last page links on when `limit <= count`) and the
 * page length otherwise.
 */
export function nextLink(input: NextLinkInput): CollectionLink[] {
  const last = input.ids.at(-1);
  const itemCount = input.count || input.ids.length;
  if (last === undefined || input.limit > itemCount) return [];
  const base = input.baseUrl.replace(/\/+$/, '');
  const project = input.projectInUrl ? `/${input.projectInUrl}` : '';
  return [{ rel: 'next', href: `${base}/v3${project}/${input.collection}?${input.query.with('marker', last).encode()}` }];
}

/**
 * A list response body in Cinder's key order: `{<name>: items, <name>_links?: links, count?: n}` — links
 * only when there is a next page, `count` only when asked for.
 */
export function listBody<T>(name: string, items: T[], links: CollectionLink[], count: number | null): Record<string, unknown> {
  const body: Record<string, unknown> = { [name]: items };
  if (links.length > 0) body[`${name}_links`] = links;
  if (count !== null) body.count = count;
  return body;
}
