import { describe, expect, it } from 'vitest';
import { QueryParams, quotePlus } from './query-params.js';

describe('QueryParams', () => {
  it('decodes like webob: + is a space, blank values kept, the last of a repeated key wins', () => {
    const q = QueryParams.fromUrl('/v3/p/snapshots?name=a+b&status=&name=c%20d&flag');
    expect(q.get('name')).toBe('c d');
    expect(q.get('status')).toBe('');
    expect(q.has('flag')).toBe(true);
    expect([...q.toMap()]).toEqual([
      ['name', 'c d'],
      ['status', ''],
      ['flag', ''],
    ]);
    expect(QueryParams.fromUrl('/v3/p/snapshots/detail').pairs).toEqual([]);
    expect(QueryParams.parse('?a=1').get('a')).toBe('1');
  });

  it('re-encodes as Python urlencode, replacing the marker at the end', () => {
    const q = QueryParams.parse('marker=old&limit=%201%20&name=%C3%A9+x&sort=display_name:asc&name~=a*b');
    expect(q.with('marker', 'm1').encode()).toBe('limit=+1+&name=%C3%A9+x&sort=display_name%3Aasc&name~=a%2Ab&marker=m1');
  });

  it("quotes only what quote_plus quotes (letters, digits and _.-~ stay)", () => {
    expect(quotePlus("a-b_c.d~e f!'()*/?&=")).toBe('a-b_c.d~e+f%21%27%28%29%2A%2F%3F%26%3D');
  });
});
