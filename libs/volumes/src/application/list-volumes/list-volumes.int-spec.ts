import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiVersion, parseListRequest } from '#ember/cinder';
import type { Actor } from '#ember/kernel';
import { openTestDatabase } from '../../../../../test/support/database.js';
import { ListVolumesHandler } from './list-volumes.handler.js';
import { ListVolumesQuery } from './list-volumes.query.js';

const RUN = randomUUID().slice(0, 8);
const PA = `va${RUN}`;
const PB = `vb${RUN}`;
const admin: Actor = { userId: 'admin', projectId: PA, roles: ['admin'], isAdmin: true };
const member: Actor = { userId: 'u', projectId: PA, roles: ['member', 'reader'], isAdmin: false };

interface Row {
  id: string;
  project: string;
  name: string | null;
  status: string;
  size: number;
  az: string;
  createdAt: string;
  updatedAt: string | null;
}

describe('ListVolumesHandler on real Postgres', () => {
  let db: DataSource;
  let handler: ListVolumesHandler;
  const rows: Row[] = [];

  beforeAll(async () => {
    ({ dataSource: db } = await openTestDatabase(2));
    handler = new ListVolumesHandler(db);
    for (let i = 0; i < 12; i++) {
      rows.push({
        id: randomUUID(),
        project: i < 10 ? PA : PB,
        name: i % 4 === 0 ? null : `v${i % 5}`,
        status: ['available', 'in-use', 'creating'][i % 3]!,
        size: 1 + (i % 2),
        az: i % 2 ? 'nova' : 'zone-2',
        createdAt: `2025-0${1 + Math.floor(i / 3)}-01T00:00:00.000000`,
        updatedAt: i % 2 ? `2025-12-0${1 + (i % 5)}T00:00:00.000000` : null,
      });
    }
    for (const r of rows) {
      await db.query(
        `INSERT INTO volumes (id, project_id, user_id, name, status, size, metadata, availability_zone, volume_type, created_at, updated_at, version)
         VALUES ($1, $2, 'u', $3, $4, $5, $6, $7, '__DEFAULT__', $8, $9, 1)`,
        [r.id, r.project, r.name, r.status, r.size, { run: RUN, odd: String(r.size === 2) }, r.az, r.createdAt, r.updatedAt],
      );
    }
  });
  afterAll(async () => db?.destroy());

  const list = (query: string, actor: Actor = admin, mv = '3.60') =>
    handler.execute(new ListVolumesQuery(parseListRequest('volume', query, ApiVersion.of(mv), actor), actor));
  const ids = async (query: string, actor: Actor = admin, mv = '3.60') => (await list(query, actor, mv)).rows.map((r) => r.id);
  const byDefault = (a: Row, b: Row) => b.createdAt.localeCompare(a.createdAt) || (b.id < a.id ? -1 : 1);
  const match = (f: (r: Row) => boolean) => rows.filter((r) => r.project === PA && f(r)).sort(byDefault).map((r) => r.id);

  it("lists the caller's project, paging by marker across ties", async () => {
    const expected = match(() => true);
    expect(await ids('')).toEqual(expected);
    const first = await ids('limit=4');
    const second = await ids(`limit=4&marker=${first.at(-1)}`);
    const third = await ids(`limit=4&marker=${second.at(-1)}`);
    expect([...first, ...second, ...third]).toEqual(expected);
  });

  it('filters with Python literal values: a list is IN, numbers compare as numbers', async () => {
    expect(await ids(`status=${encodeURIComponent("['available','creating']")}`)).toEqual(match((r) => r.status !== 'in-use'));
    expect(await ids('size=2&availability_zone=nova')).toEqual(match((r) => r.size === 2 && r.az === 'nova'));
    expect(await ids(`metadata=${encodeURIComponent("{'odd': 'true'}")}`)).toEqual(match((r) => r.size === 2));
  });

  it('compares created_at/updated_at, ORing the operators as Cinder does', async () => {
    expect(await ids('created_at=gte:2025-03-01')).toEqual(match((r) => r.createdAt >= '2025-03-01'));
    expect(await ids('created_at=lt:2025-02-01,gt:2025-03-15')).toEqual(match((r) => r.createdAt < '2025-02-01' || r.createdAt > '2025-03-15'));
    expect(await ids('updated_at=gt:2025-12-02T12:00:00Z')).toEqual(match((r) => (r.updatedAt ?? '') > '2025-12-02T12'));
  });

  it('sorts by name (the NULL name first ascending) and counts', async () => {
    const expected = rows
      .filter((r) => r.project === PA)
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1))
      .map((r) => r.id);
    const page = await list('sort=name:asc&with_count=true&limit=5');
    expect(page.rows.map((r) => r.id)).toEqual(expected.slice(0, 5));
    expect(page.total).toBe(10);
  });

  it('lists every project for an admin with all_tenants only', async () => {
    const tagged = `metadata=${encodeURIComponent(`{'run': '${RUN}'}`)}`;
    expect(await ids(`${tagged}&all_tenants=true`)).toHaveLength(12);
    expect(await ids(`${tagged}&all_tenants=true`, member)).toHaveLength(10);
    expect(await ids(`${tagged}&all_tenants=1&project_id=${PB}`)).toHaveLength(2);
  });

  it("answers an unknown marker with Cinder's 404 wording", async () => {
    await expect(list('marker=nope')).rejects.toThrow('Volume nope could not be found.');
  });
});
