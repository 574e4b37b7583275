import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiVersion, parseListRequest, type ListCaller } from '#ember/cinder';
import { DomainError, type Actor } from '#ember/kernel';
import { openTestDatabase } from '../../../../../test/support/database.js';
import { ListSnapshotsHandler } from './list-snapshots.handler.js';
import { ListSnapshotsQuery } from './list-snapshots.query.js';

const RUN = randomUUID().slice(0, 8);
const PA = `pa${RUN}`;
const PB = `pb${RUN}`;
const admin: Actor = { userId: 'admin', projectId: PA, roles: ['admin'], isAdmin: true };
const member = (projectId: string): Actor => ({ userId: 'u', projectId, roles: ['member', 'reader'], isAdmin: false });

interface Row {
  id: string;
  project: string;
  volume: string;
  name: string | null;
  status: string;
  size: number;
  createdAt: string;
  quota: boolean;
  metadata: Record<string, string>;
}

/** Snapshot rows straight into the read model: 25 in PA with 4-way ties in created_at, 5 in PB. */
function fixtures(volA1: string, volA2: string, volB: string): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 30; i++) {
    const inB = i >= 25;
    rows.push({
      id: randomUUID(),
      project: inB ? PB : PA,
      volume: inB ? volB : i % 2 ? volA2 : volA1,
      name: i % 5 === 0 ? null : `s${String(i % 9).padStart(2, '0')}`,
      status: i % 3 === 0 ? 'error' : 'available',
      size: 1 + (i % 3),
      createdAt: `2026-01-01T00:00:${String(Math.floor(i / 4)).padStart(2, '0')}.000000`,
      quota: i !== 7,
      metadata: { run: RUN, k: String(i % 3) },
    });
  }
  return rows;
}

describe('ListSnapshotsHandler on real Postgres', () => {
  let db: DataSource;
  let handler: ListSnapshotsHandler;
  let rows: Row[];
  const [volA1, volA2, volB] = [randomUUID(), randomUUID(), randomUUID()];

  beforeAll(async () => {
    ({ dataSource: db } = await openTestDatabase(2));
    handler = new ListSnapshotsHandler(db);
    const volumes: Array<[string, string, string]> = [[volA1, PA, 'nova'], [volA2, PA, 'zone-2'], [volB, PB, 'nova']];
    for (const [id, project, az] of volumes) {
      await db.query(
        `INSERT INTO volumes (id, project_id, user_id, status, size, metadata, availability_zone, volume_type, created_at, version)
         VALUES ($1, $2, 'u', 'available', 1, '{}', $3, '__DEFAULT__', '2026-01-01T00:00:00.000000', 1)`,
        [id, project, az],
      );
    }
    rows = fixtures(volA1, volA2, volB);
    for (const r of rows) {
      await db.query(
        `INSERT INTO snapshots (id, project_id, user_id, volume_id, name, status, progress, size, metadata, consumes_quota, created_at, version)
         VALUES ($1, $2, 'u', $3, $4, $5, '100%', $6, $7, $8, $9, 1)`,
        [r.id, r.project, r.volume, r.name, r.status, r.size, r.metadata, r.quota, r.createdAt],
      );
    }
  });
  afterAll(async () => db?.destroy());

  const list = async (query: string, actor: Actor = admin, mv = '3.45') => {
    const caller: ListCaller = actor;
    const request = parseListRequest('snapshot', query, ApiVersion.of(mv), caller);
    return handler.execute(new ListSnapshotsQuery(request, actor));
  };
  const ids = async (query: string, actor: Actor = admin, mv = '3.45') => (await list(query, actor, mv)).rows.map((r) => r.id);
  /** Follows next pages by marker, as a client does, `limit` at a time. */
  const walk = async (query: string, limit: number, actor: Actor = admin) => {
    const out: string[] = [];
    for (let marker = ''; ; ) {
      const page = await ids(`${query}&limit=${limit}${marker}`, actor);
      out.push(...page);
      if (page.length < limit) return out;
      marker = `&marker=${page.at(-1)}`;
    }
  };
  const inA = () => rows.filter((r) => r.project === PA);
  const byDefault = (a: Row, b: Row) => b.createdAt.localeCompare(a.createdAt) || (b.id < a.id ? -1 : 1);

  it("lists the caller's project newest first, ties in created_at broken by id", async () => {
    expect(await ids('')).toEqual(inA().sort(byDefault).map((r) => r.id));
  });

  it('pages by marker through ties without losing or repeating a row', async () => {
    const expected = inA().sort(byDefault).map((r) => r.id);
    for (const limit of [1, 3, 4, 7]) expect(await walk('', limit), `limit ${limit}`).toEqual(expected);
  });

  it('pages the composite order name asc (NULL as the empty name), then created_at and id asc', async () => {
    const key = (r: Row) => r.name ?? '';
    const expected = inA()
      .sort((a, b) => key(a).localeCompare(key(b)) || a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1))
      .map((r) => r.id);
    expect(await ids('sort=name:asc')).toEqual(expected);
    expect(await walk('sort=name:asc', 4)).toEqual(expected);
  });

  it('pages mixed directions (status asc, size desc, then created_at asc, id asc)', async () => {
    const expected = inA()
      .sort((a, b) => a.status.localeCompare(b.status) || b.size - a.size || a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1))
      .map((r) => r.id);
    expect(await walk('sort=status:asc,volume_size:desc', 5)).toEqual(expected);
  });

  it('skips offset rows after the marker', async () => {
    const expected = inA().sort(byDefault).map((r) => r.id);
    expect(await ids(`marker=${expected[2]}&offset=2&limit=3`)).toEqual(expected.slice(5, 8));
  });

  it('counts every matching row whatever the page', async () => {
    const all = await list('with_count=true&limit=2');
    expect(all.rows).toHaveLength(2);
    expect(all.total).toBe(25);
    const marker = inA().sort(byDefault)[20]!.id;
    expect((await list(`with_count=true&status=error&marker=${marker}`)).total).toBe(inA().filter((r) => r.status === 'error').length);
    expect((await list('')).total).toBeNull();
  });

  it('filters by name, status, volume, size, consumes_quota', async () => {
    const match = (f: (r: Row) => boolean) => inA().filter(f).sort(byDefault).map((r) => r.id);
    expect(await ids('name=s04')).toEqual(match((r) => r.name === 's04'));
    expect(await ids(`status=error&volume_id=${volA2.toUpperCase()}`)).toEqual(match((r) => r.status === 'error' && r.volume === volA2));
    expect(await ids('volume_size=2')).toEqual(match((r) => r.size === 2));
    expect(await ids('consumes_quota=false', admin, '3.65')).toEqual(match((r) => !r.quota));
    expect(await ids('name~=0', admin, '3.34')).toEqual(match((r) => (r.name ?? '').includes('0')));
  });

  it('filters metadata (every pair) and the volume availability zone (a join)', async () => {
    const match = (f: (r: Row) => boolean) => inA().filter(f).sort(byDefault).map((r) => r.id);
    const meta = encodeURIComponent(`{'k': '1', 'run': '${RUN}'}`);
    expect(await ids(`metadata=${meta}`)).toEqual(match((r) => r.metadata.k === '1'));
    expect(await ids('availability_zone=zone-2')).toEqual(match((r) => r.volume === volA2));
    expect(await ids(`availability_zone=zone-2&metadata=${meta}`)).toEqual(match((r) => r.volume === volA2 && r.metadata.k === '1'));
  });

  it('keeps non-admins and admins without all_tenants to their project; all_tenants lists every project', async () => {
    const tagged = `metadata=${encodeURIComponent(`{'run': '${RUN}'}`)}`;
    expect(await ids(tagged, member(PB))).toEqual(rows.filter((r) => r.project === PB).sort(byDefault).map((r) => r.id));
    expect(await ids(`${tagged}&all_tenants=1`, member(PB))).toHaveLength(5);
    expect(await ids(`${tagged}&all_tenants=1`)).toEqual([...rows].sort(byDefault).map((r) => r.id));
    expect(await ids(`${tagged}&all_tenants=1&project_id=${PB}`)).toHaveLength(5);
    expect((await list(`${tagged}&all_tenants=1&with_count=1`)).total).toBe(30);
  });

  it("answers an unknown marker with Cinder's 404, a foreign one too unless the caller is admin", async () => {
    const missing = randomUUID();
    const notFound = (q: string, actor: Actor) => list(q, actor).then(() => null, (e: unknown) => e);
    expect(await notFound(`marker=${missing}`, admin)).toEqual(expect.objectContaining({ message: `Snapshot ${missing} could not be found.` }));
    expect(await notFound('marker=abc', admin)).toBeInstanceOf(DomainError);
    const foreign = rows.find((r) => r.project === PB)!.id;
    expect(await notFound(`marker=${foreign}`, member(PA))).toEqual(expect.objectContaining({ kind: 'not_found' }));
    await expect(list(`marker=${foreign}`, admin)).resolves.toBeDefined();
  });

  it('answers filters that match nothing without a query: no rows, count 0', async () => {
    expect(await list('foo=bar&with_count=true')).toEqual({ rows: [], total: 0 });
  });

  it('maps rows like the entity', async () => {
    const [row] = (await list(`name=s04&volume_id=${volA1}`)).rows;
    const fixture = inA().find((r) => r.id === row!.id)!;
    expect(row).toMatchObject({
      projectId: PA,
      volumeId: volA1,
      name: 's04',
      size: fixture.size,
      metadata: fixture.metadata,
      consumesQuota: fixture.quota,
      createdAt: fixture.createdAt,
      updatedAt: null,
      progress: '100%',
    });
  });
});
