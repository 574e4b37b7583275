import { describe, expect, it } from 'vitest';
import { ApiVersion } from '../microversions/api-version.js';
import type { ListCaller } from './list-request.js';
import { parseVolumeListRequest } from './parse-volume-list.js';
import { QueryParams } from './query-params.js';

// Outcomes checked against cinder-api 21.3.1: over HTTP as admin, and by running Cinder's own
// VolumeController._get_volumes with a member context for the non-admin rules.
const ADMIN: ListCaller = { isAdmin: true, projectId: 'p1' };
const MEMBER: ListCaller = { isAdmin: false, projectId: 'p1' };

const parse = (query: string, mv = '3.0', caller = ADMIN) =>
  parseVolumeListRequest(QueryParams.parse(query), ApiVersion.of(mv), caller);
const fails = (query: string, mv: string, caller: ListCaller, message: string) =>
  expect(() => parse(query, mv, caller), query).toThrow(expect.objectContaining({ status: 400, message }));
const filters = (query: string, mv = '3.0', caller = ADMIN) => parse(query, mv, caller).filters;
const nothing = (query: string, mv = '3.0', caller = ADMIN) => parse(query, mv, caller).matchesNothing;
const q = encodeURIComponent;

describe('volume list request: values are Python literals', () => {
  it('reads quoted strings, numbers and lists (IN), but takes the name as written', () => {
    expect(filters(`status=${q("'available'")}&size=01`)).toEqual([
      { op: 'eq', field: 'status', value: 'available' },
      { op: 'eq', field: 'size', value: 1 },
    ]);
    expect(filters(`status=${q("['available','in-use']")}`)).toEqual([{ op: 'in', field: 'status', values: ['available', 'in-use'] }]);
    expect(filters(`name=${q("'vol'")}`)).toEqual([{ op: 'eq', field: 'name', value: "'vol'" }]);
    // MySQL reads 'abc' as 0 against an integer column; no volume has size 0.
    expect(filters('size=abc')).toEqual([{ op: 'eq', field: 'size', value: 0 }]);
  });

  it('reads metadata as a dict (every pair must match), anything else matches nothing', () => {
    expect(filters(`metadata=${q("{'a':'b'}")}`)).toEqual([{ op: 'metadata', pairs: { a: 'b' } }]);
    expect(nothing('metadata=x')).toBe(true);
    expect(nothing(`glance_metadata=${q("{'a':'b'}")}`, '3.4')).toBe(true);
    expect(nothing(`glance_metadata=${q("{'a':'b'}")}`, '3.3')).toBe(false);
  });

  it("matches the volume's availability zone", () => {
    expect(filters('availability_zone=nova')).toEqual([{ op: 'eq', field: 'availabilityZone', value: 'nova' }]);
  });
});

describe('volume list request: boolean columns', () => {
  it('checks bootable, multiattach, deleted strictly from 3.2', () => {
    fails('bootable=abc', '3.2', ADMIN, "Invalid input received: 'bootable = abc'");
    fails('multiattach=abc', '3.2', ADMIN, "Invalid input received: 'multiattach = abc'");
    fails('deleted=abc', '3.59', ADMIN, "Invalid input received: 'deleted = abc'");
    expect(nothing('bootable=t', '3.2')).toBe(true); // Ember volumes are never bootable
    expect(parse('bootable=false', '3.2')).toMatchObject({ filters: [], matchesNothing: false });
  });

  it('reads them leniently before 3.2 (anything but false/False/FALSE is true)', () => {
    expect(nothing('bootable=abc', '3.1')).toBe(true);
    expect(nothing('bootable=1', '3.1')).toBe(true);
    expect(nothing('bootable=FALSE', '3.1')).toBe(false);
  });

  it('reads consumes_quota (as use_quota) from 3.31: every Ember volume consumes quota', () => {
    fails('consumes_quota=abc', '3.59', ADMIN, "Value 'abc' for 'use_quota' is not a boolean.");
    expect(nothing('consumes_quota=1', '3.59')).toBe(false);
    expect(nothing('consumes_quota=false', '3.65')).toBe(true);
    expect(nothing('consumes_quota=1', '3.2')).toBe(true); // not a column before 3.31
  });
});

describe('volume list request: time comparisons', () => {
  it('filters created_at/updated_at from 3.31 (generic filtering), ignores them before', () => {
    expect(filters('created_at=gt:2020-01-01T00:00:00,lt:2021-01-01', '3.59')).toEqual([
      {
        op: 'time',
        field: 'createdAt',
        any: [
          { cmp: 'gt', at: '2020-01-01T00:00:00.000000' },
          { cmp: 'lt', at: '2021-01-01T00:00:00.000000' },
        ],
      },
    ]);
    expect(filters('created_at=gt:abc&updated_at=xx', '3.2')).toEqual([]);
    fails('created_at=xx:2020', '3.60', ADMIN, 'Invalid xx operator');
    fails('updated_at=gt:abc', '3.60', MEMBER, 'Invalid abc value');
  });
});

describe('volume list request: like filters, columns Ember lacks', () => {
  it('matches name~ from 3.31 (admins), leaves it out before (a Python property)', () => {
    expect(filters('name~=av', '3.59')).toEqual([{ op: 'like', field: 'name', value: 'av' }]);
    expect(filters('name~=av', '3.2')).toEqual([]);
    expect(filters('availability_zone~=no', '3.34')).toEqual([{ op: 'like', field: 'availabilityZone', value: 'no' }]);
    expect(nothing('foo~=1', '3.34')).toBe(true); // a 500 in Cinder
  });

  it('matches nothing for columns that are NULL in Ember, relationships and unknown keys', () => {
    for (const key of ['group_id=x', 'migration_status=x', 'host=x', 'volume_type=x', 'volume_type_id=x', 'foo=bar']) {
      expect(nothing(key, '3.59'), key).toBe(true);
    }
    expect(filters('host=')).toEqual([]);
    expect(filters('group_id=x', '3.9')).toEqual([]); // dropped below 3.10
  });
});

describe('volume list request: scope and access', () => {
  it('reads all_tenants strictly (a 400 otherwise)', () => {
    expect(parse('all_tenants=1').projectId).toBeNull();
    expect(parse('all_tenants=True').projectId).toBeNull();
    fails('all_tenants=abc', '3.0', ADMIN, "Value 'abc' for 'all_tenants' is not a boolean.");
    fails('all_tenants=1.0', '3.0', ADMIN, "Value '1.0' for 'all_tenants' is not a boolean.");
  });

  it("lists the admin's own project for a false all_tenants (Cinder would return nothing)", () => {
    expect(parse('all_tenants=0')).toMatchObject({ projectId: 'p1', matchesNothing: false });
  });

  it("uses the resource_filters for non-admins: 400 from 3.31, dropped before", () => {
    fails('bootable=abc&foo=1', '3.31', MEMBER, 'Invalid filters foo are found in query options.');
    fails('name~=av', '3.34', MEMBER, 'Invalid filters name~ are found in query options.');
    expect(filters('foo=1&status=available', '3.30', MEMBER)).toEqual([{ op: 'eq', field: 'status', value: 'available' }]);
    expect(parse('all_tenants=1&size=1', '3.31', MEMBER)).toMatchObject({ projectId: 'p1', filters: [{ op: 'eq', field: 'size', value: 1 }] });
  });
});

describe('volume list request: paging and sorting', () => {
  it('checks the limit and offset before the sort parameters', () => {
    fails('limit=abc&sort=x:y', '3.0', ADMIN, 'limit param must be an integer');
    fails('sort=x:y&offset=-1', '3.0', ADMIN, 'offset must be >= 0');
  });

  it('maps the name sort key at every microversion', () => {
    expect(parse('sort=name:asc').sort[0]).toEqual({ field: 'name', dir: 'asc' });
    expect(parse('sort=display_name:asc,size').sort.slice(0, 2)).toEqual([
      { field: 'name', dir: 'asc' },
      { field: 'size', dir: 'desc' },
    ]);
  });

  it("checks directions before filters, sort keys after the marker lookup", () => {
    fails('foo=bar&sort_dir=up', '3.0', ADMIN, "Invalid input received: Unknown sort direction, must be 'desc' or 'asc'.");
    expect(parse('foo=bar&marker=abc')).toMatchObject({ matchesNothing: true });
    expect(parse('sort=bogus&marker=abc').afterMarker?.message).toBe('Invalid input received: Invalid sort key');
    fails('sort=bogus', '3.0', ADMIN, 'Invalid input received: Invalid sort key');
  });
});
