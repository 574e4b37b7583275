import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '#ember/config';
import { EventStore } from '#ember/event-store';
import { VolumeEvents } from '#ember/volumes';
import { cinderClient } from '../../../../test/support/cinder-client.js';
import { createApi } from '../create-api.js';

const P1 = 'c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1';
const P2 = 'c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2';
const ADMIN_P = 'adadadadadadadadadadadadadadadad';

/** Small configured defaults, so over-quota is reachable. */
const QUOTA_ENV = { EMBER_QUOTA_SNAPSHOTS: '2', EMBER_QUOTA_VOLUMES: '5', EMBER_QUOTA_GIGABYTES: '100' };

const keys = (limits: Record<string, unknown>, id?: string) => ({
  quota_set: {
    volumes: 5, per_volume_gigabytes: -1, snapshots: 2, gigabytes: 100, backups: 10, backup_gigabytes: 1000,
    volumes___DEFAULT__: -1, gigabytes___DEFAULT__: -1, snapshots___DEFAULT__: -1, groups: 10,
    ...limits,
    ...(id ? { id } : {}),
  },
});

/** os-quota-sets and quota enforcement at the HTTP edge, in-process on real Postgres; bodies as the real Cinder's. */
describe('os-quota-sets', () => {
  let admin: NestExpressApplication;
  let member: NestExpressApplication;
  let adminBase: string;
  let memberBase: string;

  const boot = async (roles: string, suffix: string) => {
    const app = await createApi(
      loadConfig({
        DATABASE_URL: inject('databaseUrl'),
        EMBER_QUEUE_PREFIX: `${inject('queuePrefix')}-${suffix}`,
        EMBER_LOG_LEVEL: 'fatal',
        EMBER_NOAUTH_ROLES: roles,
        ...QUOTA_ENV,
      }),
    );
    await app.listen(0, '127.0.0.1');
    return [app, await app.getUrl()] as const;
  };

  beforeAll(async () => {
    [admin, adminBase] = await boot('admin,member,reader', 'quota-admin');
    [member, memberBase] = await boot('member,reader', 'quota-member');
  });
  afterAll(async () => Promise.all([admin?.close(), member?.close()]));

  const asAdmin = () => cinderClient(adminBase, `admin:${ADMIN_P}`);
  const asMember = (p: string) => cinderClient(memberBase, `user:${p}`);

  it('shows the configured defaults for a project no one set limits for, keys in Cinder order, id last', async () => {
    const shown = await asAdmin()('GET', `/v3/${ADMIN_P}/os-quota-sets/${P2}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual(keys({}, P2));
    expect(Object.keys(shown.body.quota_set).at(-1)).toBe('id');
    const defaults = await asAdmin()('GET', `/v3/${ADMIN_P}/os-quota-sets/${P2}/defaults`);
    expect(defaults.body).toEqual(keys({}, P2));
  });

  it('updates limits (admin), answers without id, keeps defaults apart and resets on DELETE', async () => {
    const api = asAdmin();
    const put = await api('PUT', `/v3/${ADMIN_P}/os-quota-sets/${P2}`, { quota_set: { tenant_id: P2, snapshots: -1, groups: 3 } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual(keys({ snapshots: -1, groups: 3 }));
    expect((await api('GET', `/v3/${ADMIN_P}/os-quota-sets/${P2}`)).body).toEqual(keys({ snapshots: -1, groups: 3 }, P2));
    expect((await api('GET', `/v3/${ADMIN_P}/os-quota-sets/${P2}/defaults`)).body).toEqual(keys({}, P2));
    const deleted = await api('DELETE', `/v3/${ADMIN_P}/os-quota-sets/${P2}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toBeNull();
    expect((await api('GET', `/v3/${ADMIN_P}/os-quota-sets/${P2}`)).body).toEqual(keys({}, P2));
  });

  it("refuses bad bodies with Cinder's messages", async () => {
    const put = (body: unknown) => asAdmin()('PUT', `/v3/${ADMIN_P}/os-quota-sets/${P2}`, body);
    expect((await put({ quota_set: { snapshots: -2 } })).body).toEqual({ badRequest: { code: 400, message: 'snapshots must be >= -1' } });
    expect((await put({ quota_set: { foo: 1, bar: 2 } })).body.badRequest.message).toBe(
      'Invalid input received: Bad key(s) in quota set: foo, bar',
    );
    expect((await put({ quota_set: {} })).status).toBe(400);
  });

  it('lets members read only their own quotas (403 otherwise) and never change them', async () => {
    const own = await asMember(P1)('GET', `/v3/${P1}/os-quota-sets/${P1}?usage=true`);
    expect(own.status).toBe(200);
    const foreign = await asMember(P1)('GET', `/v3/${P1}/os-quota-sets/${P2}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.forbidden.message).toBe("Policy doesn't allow volume_extension:quotas:show to be performed.");
    const put = await asMember(P1)('PUT', `/v3/${P1}/os-quota-sets/${P1}`, { quota_set: { snapshots: 100 } });
    expect(put.status).toBe(403);
    expect(put.body.forbidden.message).toBe("Policy doesn't allow volume_extension:quotas:update to be performed.");
    expect((await asMember(P1)('DELETE', `/v3/${P1}/os-quota-sets/${P1}`)).status).toBe(403);
  });

  it('answers 413 overLimit with Retry-After once the snapshot quota is used, and shows the usage', async () => {
    const api = asMember(P1);
    const created = await api('POST', `/v3/${P1}/volumes`, { volume: { size: 3 } });
    expect(created.status).toBe(202);
    const volumeId = created.body.volume.id;
    await admin.get(EventStore).append({
      streamId: `volume-${volumeId}`,
      expectedVersion: 1,
      events: [{ eventId: randomUUID(), type: VolumeEvents.Available, data: { bytes: 3 * 2 ** 30, at: '2026-11-26T17:00:00.000000Z' } }],
    });
    const snap = () => api('POST', `/v3/${P1}/snapshots`, { snapshot: { volume_id: volumeId } });
    expect((await snap()).status).toBe(202);
    expect((await snap()).status).toBe(202);
    const over = await snap();
    expect(over.status).toBe(413);
    expect(over.headers.get('retry-after')).toBe('0');
    expect(over.body).toEqual({
      overLimit: { code: 413, message: 'SnapshotLimitExceeded: Maximum number of snapshots allowed (2) exceeded', retryAfter: '0' },
    });
    const usage = await api('GET', `/v3/${P1}/os-quota-sets/${P1}?usage=true`);
    expect(usage.body.quota_set.snapshots).toEqual({ limit: 2, in_use: 2, reserved: 0 });
    expect(usage.body.quota_set.gigabytes).toEqual({ limit: 100, in_use: 9, reserved: 0 });
    expect(usage.body.quota_set.snapshots___DEFAULT__).toEqual({ limit: -1, in_use: 2, reserved: 0 });
    expect(usage.body.quota_set.backups).toEqual({ limit: 10, in_use: 0, reserved: 0 });
    expect(Object.keys(usage.body.quota_set).at(-1)).toBe('id');
    const lower = await asAdmin()('PUT', `/v3/${ADMIN_P}/os-quota-sets/${P1}`, { quota_set: { gigabytes: 8 } });
    expect(lower.body).toEqual({
      badRequest: {
        code: 400,
        message: 'Quota gigabytes limit must be equal or greater than existing resources. Current usage is 9 and the requested limit is 8.',
      },
    });
    expect((await api('GET', `/v3/${P1}/os-quota-sets/${P1}?usage=maybe`)).body.badRequest.message).toBe(
      "Value 'maybe' for 'usage' is not a boolean.",
    );
  });

  it('answers the identity and network look-ups the OpenStack CLI makes on this endpoint', async () => {
    const api = asAdmin();
    expect((await api('GET', `/v3/${ADMIN_P}/projects/${P1}`)).body.project).toMatchObject({ id: P1, name: P1 });
    expect((await api('GET', `/v3/${ADMIN_P}/projects/my-project`)).status).toBe(404);
    expect((await api('GET', `/v3/${ADMIN_P}/v2.0/quotas/${P1}`)).body).toEqual({ quota: {} });
    expect((await api('GET', `/v3/${ADMIN_P}/v2.0/quotas/${P1}/default`)).body).toEqual({ quota: {} });
  });
});
