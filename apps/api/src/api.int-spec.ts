import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '#ember/config';
import { cinderClient } from '../../../test/support/cinder-client.js';
import { createApi } from './create-api.js';

const P1 = 'aaaa1111aaaa1111aaaa1111aaaa1111';
const P2 = 'bbbb2222bbbb2222bbbb2222bbbb2222';

/** The Cinder dialect of the HTTP edge, on the real API module (real Postgres and Redis), in-process. */
describe('Cinder dialect at the HTTP edge', () => {
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    const config = loadConfig({
      DATABASE_URL: inject('databaseUrl'),
      EMBER_QUEUE_PREFIX: `${inject('queuePrefix')}-api`,
      EMBER_LOG_LEVEL: 'fatal',
      // Plain project members, so ownership is enforced (Cinder's noauth would make everyone admin).
      EMBER_NOAUTH_ROLES: 'member,reader',
    });
    app = await createApi(config);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(async () => app?.close());

  const as = (project: string) => cinderClient(base, `user-${project.slice(0, 4)}:${project}`);

  it('serves the version documents: GET / as 300 and GET /v3/ as 200, without a token', async () => {
    const root = await fetch(`${base}/`);
    expect(root.status).toBe(300);
    const doc = (await root.json()) as any;
    expect(doc.versions[0]).toMatchObject({ id: 'v3.0', status: 'CURRENT', version: '3.71', min_version: '3.0' });
    expect(doc.versions[0].links[1]).toEqual({ rel: 'self', href: `${base}/v3/` });
    for (const path of ['/v3', '/v3/']) expect((await fetch(`${base}${path}`)).status).toBe(200);
  });

  it('puts a request id and the negotiated microversion on every response, faults included', async () => {
    const ok = await fetch(`${base}/v3/`, { headers: { 'OpenStack-API-Version': 'volume 3.44' } });
    expect(ok.headers.get('x-openstack-request-id')).toMatch(/^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ok.headers.get('openstack-api-version')).toBe('volume 3.44');
    expect(ok.headers.get('vary')).toBe('OpenStack-API-Version');
    const fault = await as(P1)('GET', `/v3/${P1}/snapshots/${randomUUID()}`);
    expect(fault.status).toBe(404);
    expect(fault.headers.get('openstack-api-version')).toBe('volume 3.0');
    expect(fault.headers.get('x-openstack-request-id')).toMatch(/^req-/);
  });

  it('answers bad microversions as Cinder: 400 for a malformed one, 406 computeFault out of range', async () => {
    const api = as(P1);
    const bad = await api('GET', `/v3/${P1}/snapshots/${randomUUID()}`, undefined, { 'OpenStack-API-Version': 'volume 3.01' });
    expect(bad.status).toBe(400);
    expect(bad.body.badRequest.message).toBe('API Version String 3.01 is of invalid format. Must be of format MajorNum.MinorNum.');
    const high = await api('GET', `/v3/${P1}/snapshots/${randomUUID()}`, undefined, { 'OpenStack-API-Version': 'volume 3.72' });
    expect(high.status).toBe(406);
    expect(high.body.computeFault.message).toBe('Version 3.72 is not supported by the API. Minimum is 3.0 and maximum is 3.71.');
  });

  it('requires a token (401) and the token project in the URL (400 Malformed request url)', async () => {
    const anonymous = await fetch(`${base}/v3/${P1}/snapshots/${randomUUID()}`);
    expect(anonymous.status).toBe(401);
    const other = await as(P2)('GET', `/v3/${P1}/snapshots/${randomUUID()}`);
    expect(other.status).toBe(400);
    expect(other.body).toEqual({ badRequest: { code: 400, message: 'Malformed request url' } });
  });

  it('rejects bodies that are not JSON: 415 for the wrong Content-Type, 400 for broken JSON, 413 when too large', async () => {
    const url = `${base}/v3/${P1}/snapshots`;
    const headers = { 'X-Auth-Token': `u:${P1}` };
    const text = await fetch(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    expect(Object.keys((await text.json()) as object)).toEqual(['badMediaType']);
    const broken = await fetch(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{"snapshot": ' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).badRequest.code).toBe(400);
    const huge = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ snapshot: { volume_id: randomUUID(), description: 'x'.repeat(120_000) } }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as any).overLimit.code).toBe(413);
  });

  it('answers unknown routes under /v3 with the itemNotFound fault envelope', async () => {
    const r = await as(P1)('GET', `/v3/${P1}/no-such-things`);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ itemNotFound: { code: 404, message: 'The resource could not be found.' } });
  });

  it("refuses admin-only actions to project members with Cinder's 403", async () => {
    const created = await as(P1)('POST', `/v3/${P1}/volumes`, { volume: { size: 1 } });
    const reset = await as(P1)('POST', `/v3/${P1}/volumes/${created.body.volume.id}/action`, { 'os-reset_status': { status: 'error' } });
    expect(reset.status).toBe(403);
    expect(reset.body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow volume_extension:volume_admin_actions:reset_status to be performed." },
    });
    const quotas = await as(P1)('PUT', `/v3/${P1}/os-quota-sets/${P1}`, { quota_set: { snapshots: 5 } });
    expect(quotas.status).toBe(403);
  });

  it("hides another project's volumes and snapshots (404), and serves project-less URLs", async () => {
    const created = await as(P1)('POST', `/v3/${P1}/volumes`, { volume: { size: 1 } });
    expect(created.status).toBe(202);
    const id = created.body.volume.id;
    expect((await as(P1)('GET', `/v3/volumes/${id}`)).status).toBe(200);
    const foreign = await as(P2)('GET', `/v3/${P2}/volumes/${id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.itemNotFound.message).toBe(`Volume ${id} could not be found.`);
    const snap = await as(P2)('POST', `/v3/${P2}/snapshots`, { snapshot: { volume_id: id, force: true } });
    expect(snap.status).toBe(404);
  });
});
