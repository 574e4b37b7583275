import { describe, expect, it } from 'vitest';
import { listBody, nextLink, type NextLinkInput } from './next-link.js';
import { QueryParams } from './query-params.js';
import { resourceFiltersBody } from './resource-filters.js';

const P = 'bab7d5c60cd041a0a36f7c4b6e1dd978';
const input = (over: Partial<NextLinkInput>): NextLinkInput => ({
  baseUrl: 'http://127.0.0.1:18776',
  projectInUrl: P,
  collection: 'snapshots',
  query: QueryParams.parse('with_count=true&limit=2'),
  ids: ['a', 'b'],
  limit: 2,
  count: null,
  ...over,
});

describe('nextLink (Cinder _get_collection_links)', () => {
  it('links to the next page when the page is full, with the original query and marker=<last id> last', () => {
    expect(nextLink(input({}))).toEqual([
      { rel: 'next', href: `http://127.0.0.1:18776/v3/${P}/snapshots?with_count=true&limit=2&marker=b` },
    ]);
    const detail = nextLink(input({ collection: 'volumes/detail', projectInUrl: null, query: QueryParams.parse('marker=x&limit=+1+'), ids: ['c'], limit: 1 }));
    expect(detail[0]!.href).toBe('http://127.0.0.1:18776/v3/volumes/detail?limit=+1+&marker=c');
  });

  it('does not link from a short or empty page', () => {
    expect(nextLink(input({ limit: 3 }))).toEqual([]);
    expect(nextLink(input({ ids: [], limit: 0 }))).toEqual([]);
  });

  it('links on whenever limit <= count when counting, even from the last page (Cinder quirk)', () => {
    expect(nextLink(input({ ids: ['a', 'b', 'c'], limit: 3, count: 3 }))).toHaveLength(1);
    expect(nextLink(input({ ids: ['a'], limit: 2, count: 3 }))).toHaveLength(1);
    expect(nextLink(input({ ids: ['a'], limit: 2, count: 1 }))).toEqual([]);
    // count 0 falls back to the page length (`count or len(items)`).
    expect(nextLink(input({ ids: ['a', 'b'], limit: 2, count: 0 }))).toHaveLength(1);
  });
});

describe('listBody', () => {
  it("puts links and count after the items, each only when there is one", () => {
    expect(Object.keys(listBody('snapshots', [1], [{ rel: 'next', href: 'h' }], 3))).toEqual(['snapshots', 'snapshots_links', 'count']);
    expect(listBody('volumes', [], [], null)).toEqual({ volumes: [] });
    expect(listBody('volumes', [], [], 0)).toEqual({ volumes: [], count: 0 });
  });
});

describe('resourceFiltersBody (GET /resource_filters)', () => {
  it("answers Cinder's default filters for volumes and snapshots, one resource when asked", () => {
    expect(resourceFiltersBody().resource_filters.map((r) => r.resource)).toEqual(['volume', 'snapshot']);
    expect(resourceFiltersBody('snapshot')).toEqual({
      resource_filters: [{ resource: 'snapshot', filters: ['name', 'status', 'volume_id', 'metadata', 'availability_zone', 'consumes_quota'] }],
    });
    expect(resourceFiltersBody('backup')).toEqual({ resource_filters: [] });
    expect(resourceFiltersBody('').resource_filters).toHaveLength(2);
  });
});
