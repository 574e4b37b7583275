import { describe, expect, it } from 'vitest';
import { ApiVersion } from '../microversions/api-version.js';
import type { ListCaller } from './list-request.js';
import { parseSnapshotListRequest } from './parse-snapshot-list.js';
import { QueryParams } from './query-params.js';

// Messages and outcomes were checked against the real cinder-api 21.3.1 (admin) and read from Cinder's
// source for non-admins (noauth makes every oracle caller an admin).
const ADMIN: ListCaller = { isAdmin: true, projectId: 'p1' };
const MEMBER: ListCaller = { isAdmin: false, projectId: 'p1' };
const VOL = '43168fa6-2b4f-491a-8f4b-ef74a999741c';

const parse = (query: string, mv = '3.0', caller = ADMIN) =>
  parseSnapshotListRequest(QueryParams.parse(query), ApiVersion.of(mv), caller);
const fails = (query: string, mv: string, caller: ListCaller, message: string) =>
  expect(() => parse(query, mv, caller), query).toThrow(expect.objectContaining({ status: 400, message }));
const filters = (query: string, mv = '3.0', caller = ADMIN) => parse(query, mv, caller).filters;
const nothing = (query: string, mv = '3.0', caller = ADMIN) => parse(query, mv, caller).matchesNothing;

describe('snapshot list request: scope', () => {
  it("lists the caller's project, newest first, 1000 at a time, by default", () => {
    expect(parse('')).toEqual({
      projectId: 'p1',
      filters: [],
      matchesNothing: false,
      sort: [
        { field: 'createdAt', dir: 'desc' },
        { field: 'id', dir: 'desc' },
      ],
      limit: 1000,
      offset: 0,
      marker: null,
      withCount: false,
      afterMarker: null,
    });
  });

  it('lists every project for an admin whose all_tenants is truthy (leniently read)', () => {
    for (const v of ['1', 'True', 'yes', ' on ', 't']) expect(parse(`all_tenants=${encodeURIComponent(v)}`).projectId, v).toBeNull();
    for (const v of ['0', '', 'abc', 'false']) expect(parse(`all_tenants=${v}`).projectId, v).toBe('p1');
  });

  it('ignores all_tenants from a non-admin, never a 400 (cinderclient always sends it)', () => {
    expect(parse('all_tenants=1', '3.0', MEMBER).projectId).toBe('p1');
    expect(parse('all_tenants=1', '3.31', MEMBER).projectId).toBe('p1');
  });

  it("filters on project_id only with all_tenants; without, the caller's project wins", () => {
    expect(filters('all_tenants=1&project_id=p2')).toEqual([{ op: 'eq', field: 'projectId', value: 'p2' }]);
    expect(parse('project_id=p2')).toMatchObject({ projectId: 'p1', filters: [] });
  });

  it('refuses project_id from a non-admin from 3.31 on, drops it before', () => {
    fails('project_id=p2', '3.31', MEMBER, 'Invalid filters project_id are found in query options.');
    expect(parse('project_id=p2', '3.30', MEMBER)).toMatchObject({ projectId: 'p1', filters: [] });
  });
});

describe('snapshot list request: filters', () => {
  it('matches name, status and volume_id exactly (uuids case-insensitively)', () => {
    expect(filters(`name=snap-1&status=available&volume_id=${VOL.toUpperCase()}`)).toEqual([
      { op: 'eq', field: 'status', value: 'available' },
      { op: 'eq', field: 'volumeId', value: VOL },
      { op: 'eq', field: 'name', value: 'snap-1' },
    ]);
    expect(nothing('volume_id=not-a-uuid')).toBe(true);
  });

  it('matches name~ as a substring from 3.31 (admins), leaves it out before', () => {
    expect(filters('name~=nap', '3.34')).toEqual([{ op: 'like', field: 'name', value: 'nap' }]);
    expect(filters('name~=nap&status~=avail', '3.31')).toEqual([
      { op: 'like', field: 'name', value: 'nap' },
      { op: 'like', field: 'status', value: 'avail' },
    ]);
    expect(parse('name~=nap', '3.30')).toMatchObject({ filters: [], matchesNothing: false });
    expect(nothing('availability_zone~=no', '3.34')).toBe(true);
  });

  it("refuses name~ from non-admins (not in the default resource_filters), drops it before 3.31", () => {
    fails('name~=nap', '3.34', MEMBER, 'Invalid filters name~ are found in query options.');
    fails('name~=nap', '3.31', MEMBER, 'Invalid filters name~ are found in query options.');
    expect(filters('name~=nap', '3.30', MEMBER)).toEqual([]);
  });

  it('reads metadata as a Python literal dict from 3.22 (every pair must match)', () => {
    expect(filters(`metadata=${encodeURIComponent("{'k':'v1','a':'b'}")}`, '3.22')).toEqual([
      { op: 'metadata', pairs: { k: 'v1', a: 'b' } },
    ]);
    expect(filters(`metadata=${encodeURIComponent('{"k": 1}')}`, '3.22')).toEqual([{ op: 'metadata', pairs: { k: '1' } }]);
    expect(parse('metadata=%7B%7D', '3.22')).toMatchObject({ filters: [], matchesNothing: false });
    for (const m of ['notadict', "[1]", "{'k':'v1'", "{'k':None}"]) expect(nothing(`metadata=${encodeURIComponent(m)}`, '3.22'), m).toBe(true);
    expect(parse('metadata=notadict', '3.21')).toMatchObject({ filters: [], matchesNothing: false });
  });

  it("joins the volume's availability zone when one is given", () => {
    expect(filters('availability_zone=nova')).toEqual([{ op: 'eq', field: 'availabilityZone', value: 'nova' }]);
    expect(filters('availability_zone=')).toEqual([]);
    expect(nothing('host=h1')).toBe(true);
    expect(filters('host=')).toEqual([]);
  });

  it('reads consumes_quota as a strict boolean from 3.31 (use_quota in the message, as Cinder)', () => {
    expect(filters('consumes_quota=false', '3.65')).toEqual([{ op: 'eq', field: 'consumesQuota', value: false }]);
    expect(filters('consumes_quota=1', '3.31', MEMBER)).toEqual([{ op: 'eq', field: 'consumesQuota', value: true }]);
    fails('consumes_quota=abc', '3.65', ADMIN, "Value 'abc' for 'use_quota' is not a boolean.");
    expect(nothing('consumes_quota=true', '3.30')).toBe(true); // not a column before 3.31
    expect(filters('consumes_quota=true', '3.30', MEMBER)).toEqual([]);
    expect(filters('use_quota=abc', '3.0')).toEqual([]); // dropped below 3.65 on the old path
  });

  it("answers an admin's filter on anything that is no snapshot column with an empty list", () => {
    for (const q of ['foo=bar', 'volume_type_id=x', 'deleted=1', 'n%C3%A9=1']) expect(nothing(q), q).toBe(true);
    expect(filters('user_id=u1&volume_size=01&progress=0%25&deleted=False')).toEqual([
      { op: 'eq', field: 'userId', value: 'u1' },
      { op: 'eq', field: 'size', value: 1 },
      { op: 'eq', field: 'progress', value: '0%' },
    ]);
  });

  it('refuses unknown filters from non-admins from 3.31, naming them, and drops them before', () => {
    fails('foo=1&status=x&bar=2', '3.31', MEMBER, 'Invalid filters foo,bar are found in query options.');
    expect(filters('foo=1&status=x', '3.30', MEMBER)).toEqual([{ op: 'eq', field: 'status', value: 'x' }]);
  });

  it('refuses non-ASCII filter keys from 3.31, for admins too', () => {
    fails('n%C3%A9=1', '3.31', ADMIN, 'Filter keys can only contain ASCII characters.');
  });
});

describe('snapshot list request: with_count', () => {
  it('counts with with_count=true from 3.45 (strict boolean)', () => {
    expect(parse('with_count=true', '3.45').withCount).toBe(true);
    expect(parse('with_count=0', '3.45').withCount).toBe(false);
    fails('with_count=abc', '3.45', ADMIN, "Value 'abc' for 'with_count' is not a boolean.");
    fails('with_count=', '3.45', ADMIN, "Value '' for 'with_count' is not a boolean.");
  });

  it('treats with_count as a filter below 3.45: empty for an admin, refused or dropped for others', () => {
    expect(parse('with_count=true', '3.44')).toMatchObject({ matchesNothing: true, withCount: false });
    fails('with_count=true', '3.44', MEMBER, 'Invalid filters with_count are found in query options.');
    expect(parse('with_count=true', '3.30', MEMBER).matchesNothing).toBe(false);
  });

  it('checks all_tenants strictly when counting (after the marker lookup when there is one)', () => {
    fails('with_count=true&all_tenants=abc', '3.45', ADMIN, "Value 'abc' for 'all_tenants' is not a boolean.");
    const r = parse(`with_count=true&all_tenants=abc&marker=${VOL}`, '3.45');
    expect(r.afterMarker?.message).toBe("Value 'abc' for 'all_tenants' is not a boolean.");
  });
});

describe('snapshot list request: paging', () => {
  it("reads limit as Python's int(), capped at 1000", () => {
    expect(parse('limit=%201%20').limit).toBe(1);
    expect(parse('limit=1_0').limit).toBe(10);
    expect(parse('limit=%2B2').limit).toBe(2);
    expect(parse('limit=5000').limit).toBe(1000);
    expect(parse('limit=0').limit).toBe(0);
    for (const l of ['abc', '1.5', '']) fails(`limit=${l}`, '3.0', ADMIN, 'limit param must be an integer');
    fails('limit=-1', '3.0', ADMIN, 'limit param must be positive');
  });

  it('reads offset 0..2147483647', () => {
    expect(parse('offset=3').offset).toBe(3);
    fails('offset=abc', '3.0', ADMIN, 'offset must be an integer');
    fails('offset=-1', '3.0', ADMIN, 'offset must be >= 0');
    fails('offset=2147483648', '3.0', ADMIN, 'offset must be <= 2147483647');
  });

  it('keeps the marker as given, with the id to look up when it can be one', () => {
    expect(parse(`marker=${VOL.toUpperCase()}`).marker).toEqual({ given: VOL.toUpperCase(), id: VOL });
    expect(parse('marker=abc').marker).toEqual({ given: 'abc', id: null });
  });
});

describe('snapshot list request: sorting', () => {
  it('sorts by sort=k[:dir],… appending created_at and id with the first direction', () => {
    expect(parse('sort=display_name:asc').sort).toEqual([
      { field: 'name', dir: 'asc' },
      { field: 'createdAt', dir: 'asc' },
      { field: 'id', dir: 'asc' },
    ]);
    expect(parse('sort=status,volume_size:asc').sort).toEqual([
      { field: 'status', dir: 'desc' },
      { field: 'size', dir: 'asc' },
      { field: 'createdAt', dir: 'desc' },
      { field: 'id', dir: 'desc' },
    ]);
    expect(parse('sort_key=volume_size&sort_dir=asc').sort[0]).toEqual({ field: 'size', dir: 'asc' });
    expect(parse('sort=%20id%20:%20asc%20').sort).toEqual([
      { field: 'id', dir: 'asc' },
      { field: 'createdAt', dir: 'asc' },
    ]);
  });

  it('accepts the name sort key from 3.30 only', () => {
    fails('sort=name', '3.29', ADMIN, 'Invalid input received: Invalid sort key');
    expect(parse('sort=name:asc', '3.30').sort[0]).toEqual({ field: 'name', dir: 'asc' });
  });

  it('orders by nothing for columns Ember keeps constant, by the foreign key for the volume', () => {
    expect(parse('sort=deleted:asc').sort).toEqual([
      { field: 'createdAt', dir: 'asc' },
      { field: 'id', dir: 'asc' },
    ]);
    expect(parse('sort=volume').sort[0]).toEqual({ field: 'volumeId', dir: 'desc' });
  });

  it("refuses bad keys and directions with Cinder's messages", () => {
    for (const q of ['sort=bogus', 'sort=size', 'sort=', 'sort=metadata', 'sort_key=id,status', 'sort=name']) {
      fails(q, '3.0', ADMIN, 'Invalid input received: Invalid sort key');
    }
    for (const q of ['sort=status:up', 'sort=status:ASC', 'sort_dir=asc,desc', 'sort=id:asc:x', 'sort_dir=']) {
      fails(q, '3.0', ADMIN, "Invalid input received: Unknown sort direction, must be 'desc' or 'asc'.");
    }
    fails('sort=status&sort_key=id', '3.0', ADMIN, "The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
  });

  it("reports faults in Cinder's order", () => {
    // Unknown filters empty the list before directions are checked…
    expect(nothing('foo=bar&sort_dir=up')).toBe(true);
    expect(nothing('foo=bar&sort=bogus')).toBe(true);
    // …a relationship filter only after.
    fails('volume=x&sort_dir=up', '3.0', ADMIN, "Invalid input received: Unknown sort direction, must be 'desc' or 'asc'.");
    // The marker is looked up before sort keys are checked: an unknown marker's 404 wins.
    expect(parse('sort=bogus&marker=abc').afterMarker?.message).toBe('Invalid input received: Invalid sort key');
    // The sort/sort_key clash is found before the limit.
    fails('sort=a&sort_key=b&limit=x', '3.0', ADMIN, "The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
  });
});
