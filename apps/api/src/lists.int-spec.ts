import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '#ember/config';
import { EventStore, microsNow } from '#ember/event-store';
import { volumeStream } from '#ember/kernel';
import { VolumeEvents } from '#ember/volumes';
import { cinderClient } from '../../../test/support/cinder-client.js';
import { createApi } from './create-api.js';

const P1 = randomUUID().replaceAll('-', '');
const P2 = randomUUID().replaceAll('-', '');
const RUN = P1.slice(0, 8);
const SUMMARY_KEYS = ['id', 'created_at', 'updated_at', 'name', 'description', 'volume_id', 'status', 'size', 'metadata'];

/** An API app in-process whose noauth callers all have `roles`. */
async function boot(roles: string): Promise<{ app: NestExpressApplication; base: string }> {
  const config = loadConfig({
    DATABASE_URL: inject('databaseUrl'),
    EMBER_QUEUE_PREFIX: `${inject('queuePrefix')}-lists`,
    EMBER_LOG_LEVEL: 'fatal',
    EMBER_NOAUTH_ROLES: roles,
    EMBER_QUOTA_SNAPSHOTS: '100',
    EMBER_QUOTA_VOLUMES: '100',
  });
  const app = await createApi(config);
  await app.listen(0, '127.0.0.1');
  return { app, base: await app.getUrl() };
}

/** Snapshot and volume lists, and resource_filters, at the HTTP edge (real API module, Postgres, Redis). */
describe('list endpoints at the HTTP edge', () => {
  let adminApp: { app: NestExpressApplication; base: string };
  let memberApp: { app: NestExpressApplication; base: string };
  let nobodyApp: { app: NestExpressApplication; base: string };
  const snaps: string[] = []; // P1's snapshots, oldest first
  let volA: string;
  let volB: string;
  let foreignSnap: string;

  const member = (project = P1) => cinderClient(memberApp.base, `u-${project.slice(0, 4)}:${project}`);
  const admin = () => cinderClient(adminApp.base, `admin:${P1}`);
  const mv = (v: string) => ({ 'OpenStack-API-Version': `volume ${v}` });

  async function availableVolume(project: string, name: string): Promise<string> {
    const created = await member(project)('POST', `/v3/${project}/volumes`, { volume: { size: 1, name } });
    expect(created.status).toBe(202);
    const id = created.body.volume.id as string;
    // No worker runs in-process: record the allocation as the worker would.
    await memberApp.app.get(EventStore).append({
      streamId: volumeStream(id),
      expectedVersion: 'any',
      events: [{ eventId: randomUUID(), type: VolumeEvents.Available, data: { bytes: 1 << 30, at: microsNow() } }],
    });
    return id;
  }

  async function snapshot(project: string, volumeId: string, name: string, metadata: Record<string, string> = {}) {
    const r = await member(project)('POST', `/v3/${project}/snapshots`, { snapshot: { volume_id: volumeId, name, metadata } });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    return r.body.snapshot.id as string;
  }

  beforeAll(async () => {
    [adminApp, memberApp, nobodyApp] = await Promise.all([boot('admin,member,reader'), boot('member,reader'), boot('observer')]);
    volA = await availableVolume(P1, `vol-a-${RUN}`);
    volB = await availableVolume(P1, `vol-b-${RUN}`);
    for (let i = 0; i < 5; i++) {
      snaps.push(await snapshot(P1, i % 2 ? volB : volA, `snap-${i}-${RUN}`, { k: `v${i % 2}`, run: RUN }));
    }
    const other = await availableVolume(P2, `vol-other-${RUN}`);
    foreignSnap = await snapshot(P2, other, `other-${RUN}`);
  });
  afterAll(async () => Promise.all([adminApp, memberApp, nobodyApp].map((a) => a?.app.close())));

  describe('GET /v3/{project}/snapshots[/detail]', () => {
    it("lists the caller's snapshots newest first in the 9-field summary view", async () => {
      const r = await member()('GET', `/v3/${P1}/snapshots`);
      expect(r.status).toBe(200);
      expect(Object.keys(r.body)).toEqual(['snapshots']);
      expect(r.body.snapshots.map((s: any) => s.id)).toEqual([...snaps].reverse());
      for (const s of r.body.snapshots) expect(Object.keys(s)).toEqual(SUMMARY_KEYS);
      expect((await member()('GET', '/v3/snapshots')).body).toEqual(r.body);
    });

    it('answers /detail (not taken for a snapshot id) with the detail view and extended attributes', async () => {
      const r = await member()('GET', `/v3/${P1}/snapshots/detail`, undefined, mv('3.65'));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.snapshots[0]).toMatchObject({
        id: snaps[4],
        name: `snap-4-${RUN}`,
        volume_id: volA,
        group_snapshot_id: null,
        user_id: `u-${P1.slice(0, 4)}`,
        consumes_quota: true,
        'os-extended-snapshot-attributes:project_id': P1,
        'os-extended-snapshot-attributes:progress': '0%',
      });
    });

    it('pages with limit and a next link carrying the query and marker, project segment as requested', async () => {
      const first = await member()('GET', `/v3/${P1}/snapshots/detail?limit=2&status=creating`);
      expect(first.body.snapshots.map((s: any) => s.id)).toEqual([snaps[4], snaps[3]]);
      const href = `${memberApp.base}/v3/${P1}/snapshots/detail?limit=2&status=creating&marker=${snaps[3]}`;
      expect(first.body.snapshots_links).toEqual([{ rel: 'next', href }]);
      const second = await member()('GET', href.slice(memberApp.base.length));
      expect(second.body.snapshots.map((s: any) => s.id)).toEqual([snaps[2], snaps[1]]);
      const last = await member()('GET', `/v3/snapshots?limit=2&marker=${snaps[1]}`);
      expect(last.body).toEqual({ snapshots: [expect.objectContaining({ id: snaps[0] })] });
      const projectless = await member()('GET', '/v3/snapshots?limit=1');
      expect(projectless.body.snapshots_links[0].href).toBe(`${memberApp.base}/v3/snapshots?limit=1&marker=${snaps[4]}`);
    });

    it('counts with with_count (3.45), linking on whenever limit <= count as Cinder does', async () => {
      const r = await member()('GET', `/v3/${P1}/snapshots?with_count=true&limit=5`, undefined, mv('3.45'));
      expect(r.body.count).toBe(5);
      expect(r.body.snapshots).toHaveLength(5);
      expect(Object.keys(r.body)).toEqual(['snapshots', 'snapshots_links', 'count']);
      const lastPage = await member()('GET', `/v3/${P1}/snapshots?with_count=true&limit=2&marker=${snaps[1]}`, undefined, mv('3.45'));
      expect(lastPage.body.snapshots).toHaveLength(1);
      expect(lastPage.body.snapshots_links).toHaveLength(1);
    });

    it('filters by name, volume, metadata (3.22) and availability zone', async () => {
      const names = async (q: string, v = '3.0') =>
        (await member()('GET', `/v3/${P1}/snapshots?${q}`, undefined, mv(v))).body.snapshots.map((s: any) => s.name);
      expect(await names(`name=snap-2-${RUN}`)).toEqual([`snap-2-${RUN}`]);
      expect(await names(`volume_id=${volB}`)).toEqual([`snap-3-${RUN}`, `snap-1-${RUN}`]);
      expect(await names(`metadata=${encodeURIComponent("{'k': 'v0'}")}`, '3.22')).toEqual([4, 2, 0].map((i) => `snap-${i}-${RUN}`));
      expect(await names('metadata=notadict', '3.22')).toEqual([]);
      expect(await names('availability_zone=nova', '3.31')).toHaveLength(5);
      expect(await names('availability_zone=elsewhere', '3.31')).toEqual([]);
      // Before 3.31 a non-admin may only filter on status, volume_id, name and metadata: the rest is dropped.
      expect(await names('availability_zone=elsewhere', '3.30')).toHaveLength(5);
    });

    it("sorts as cinderclient asks (sort=display_name:asc) and by name from 3.30", async () => {
      const asc = snaps.map((_, i) => `snap-${i}-${RUN}`);
      const r = await member()('GET', `/v3/${P1}/snapshots?sort=display_name:asc`);
      expect(r.body.snapshots.map((s: any) => s.name)).toEqual(asc);
      const byName = await member()('GET', `/v3/${P1}/snapshots?sort=name:desc`, undefined, mv('3.30'));
      expect(byName.body.snapshots.map((s: any) => s.name)).toEqual([...asc].reverse());
      const early = await member()('GET', `/v3/${P1}/snapshots?sort=name`, undefined, mv('3.29'));
      expect(early.body).toEqual({ badRequest: { code: 400, message: 'Invalid input received: Invalid sort key' } });
    });

    it("refuses a non-admin's unknown filters from 3.31 but ignores all_tenants", async () => {
      const bad = await member()('GET', `/v3/${P1}/snapshots?foo=1&project_id=${P2}`, undefined, mv('3.31'));
      expect(bad.status).toBe(400);
      expect(bad.body.badRequest.message).toBe('Invalid filters foo,project_id are found in query options.');
      const like = await member()('GET', `/v3/${P1}/snapshots?name~=snap`, undefined, mv('3.34'));
      expect(like.body.badRequest.message).toBe('Invalid filters name~ are found in query options.');
      const all = await member()('GET', `/v3/${P1}/snapshots?all_tenants=1&name=other-${RUN}`, undefined, mv('3.31'));
      expect(all.body).toEqual({ snapshots: [] });
    });

    it('lets an admin find any project\'s snapshot by name with all_tenants (the OSC lookup)', async () => {
      const r = await admin()('GET', `/v3/${P1}/snapshots/detail?all_tenants=1&name=other-${RUN}`);
      expect(r.body.snapshots.map((s: any) => s.id)).toEqual([foreignSnap]);
      const own = await admin()('GET', `/v3/${P1}/snapshots?name=other-${RUN}`);
      expect(own.body).toEqual({ snapshots: [] });
      // Keys that are no snapshot column become filters that match nothing, as in Cinder.
      expect((await admin()('GET', `/v3/${P1}/snapshots?foo=bar`)).body).toEqual({ snapshots: [] });
      expect((await admin()('GET', `/v3/${P1}/snapshots?with_count=true`, undefined, mv('3.44'))).body).toEqual({ snapshots: [] });
    });

    it("answers paging faults with Cinder's messages", async () => {
      const missing = randomUUID();
      const marker = await member()('GET', `/v3/${P1}/snapshots?marker=${missing}`);
      expect(marker.status).toBe(404);
      expect(marker.body).toEqual({ itemNotFound: { code: 404, message: `Snapshot ${missing} could not be found.` } });
      const foreign = await member()('GET', `/v3/${P1}/snapshots?marker=${foreignSnap}`);
      expect(foreign.status).toBe(404);
      const both = await member()('GET', `/v3/${P1}/snapshots?sort=bogus&marker=${missing}`);
      expect(both.status).toBe(404);
      const limit = await member()('GET', `/v3/${P1}/snapshots?limit=-1`);
      expect(limit.body).toEqual({ badRequest: { code: 400, message: 'limit param must be positive' } });
      const dir = await member()('GET', `/v3/${P1}/snapshots?sort_dir=up`);
      expect(dir.body.badRequest.message).toBe("Invalid input received: Unknown sort direction, must be 'desc' or 'asc'.");
    });

    it("refuses callers without a reader role with Cinder's policy message", async () => {
      const r = await cinderClient(nobodyApp.base, `x:${P1}`)('GET', `/v3/${P1}/snapshots`);
      expect(r.status).toBe(403);
      expect(r.body.forbidden.message).toBe("Policy doesn't allow volume:get_all_snapshots to be performed.");
    });
  });

  describe('GET /v3/{project}/volumes[/detail]', () => {
    it('lists volumes as id, name and links, and in detail as a volume show does', async () => {
      const r = await member()('GET', `/v3/${P1}/volumes`);
      expect(r.status).toBe(200);
      expect(r.body.volumes).toEqual([
        {
          id: volB,
          name: `vol-b-${RUN}`,
          links: [
            { rel: 'self', href: `${memberApp.base}/v3/${P1}/volumes/${volB}` },
            { rel: 'bookmark', href: `${memberApp.base}/${P1}/volumes/${volB}` },
          ],
        },
        expect.objectContaining({ id: volA }),
      ]);
      const detail = await member()('GET', `/v3/${P1}/volumes/detail?limit=1`);
      const show = await member()('GET', `/v3/${P1}/volumes/${volB}`);
      expect(detail.body.volumes).toEqual([show.body.volume]);
      expect(detail.body.volumes_links[0].href).toBe(`${memberApp.base}/v3/${P1}/volumes/detail?limit=1&marker=${volB}`);
    });

    it('filters volumes with Python literal values and finds names across projects for admins', async () => {
      const names = async (q: string, api = member()) => (await api('GET', `/v3/${P1}/volumes?${q}`)).body.volumes.map((v: any) => v.name);
      expect(await names(`status=${encodeURIComponent("['available']")}&size=1`)).toEqual([`vol-b-${RUN}`, `vol-a-${RUN}`]);
      expect(await names('bootable=true')).toEqual([]);
      expect(await names(`all_tenants=1&name=vol-other-${RUN}`, admin())).toEqual([`vol-other-${RUN}`]);
      const bad = await admin()('GET', `/v3/${P1}/volumes?all_tenants=abc`);
      expect(bad.body.badRequest.message).toBe("Value 'abc' for 'all_tenants' is not a boolean.");
    });
  });

  describe('GET /v3/{project}/resource_filters', () => {
    it("answers Cinder's default filters from 3.33, 404 before", async () => {
      const r = await member()('GET', `/v3/${P1}/resource_filters?resource=snapshot`, undefined, mv('3.33'));
      expect(r.body).toEqual({
        resource_filters: [{ resource: 'snapshot', filters: ['name', 'status', 'volume_id', 'metadata', 'availability_zone', 'consumes_quota'] }],
      });
      const all = await member()('GET', '/v3/resource_filters', undefined, mv('3.33'));
      expect(all.body.resource_filters.map((f: any) => f.resource)).toEqual(['volume', 'snapshot']);
      const early = await member()('GET', `/v3/${P1}/resource_filters`, undefined, mv('3.32'));
      expect(early.status).toBe(404);
      expect(early.body).toEqual({ itemNotFound: { code: 404, message: 'The resource could not be found.' } });
    });
  });
});
