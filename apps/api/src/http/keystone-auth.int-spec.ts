import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '#ember/config';
import { createApi } from '../create-api.js';

const P1 = 'cccc3333cccc3333cccc3333cccc3333';
const P2 = 'dddd4444dddd4444dddd4444dddd4444';

/** Tokens the stand-in Keystone knows: token → (user, project, roles). */
const TOKENS: Record<string, { user: string; project: string; roles: string[] }> = {
  'member-token': { user: 'alice', project: P1, roles: ['member', 'reader'] },
  'admin-token': { user: 'root', project: P2, roles: ['admin', 'member'] },
};

/**
 * `EMBER_AUTH=keystone`, in-process API, against a stand-in for Keystone v3's token validation
 * (`GET /v3/auth/tokens`, `X-Subject-Token`): authentication waits for an HTTP call, and the rest of
 * the request pipeline (the body among it) must go on after it.
 */
describe('Keystone authentication at the HTTP edge', () => {
  let keystone: Server;
  let calls = 0;
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    keystone = createServer((req, res) => {
      calls++;
      const known = req.url === '/v3/auth/tokens' ? TOKENS[String(req.headers['x-subject-token'])] : undefined;
      if (!known) return void res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"code":404}}');
      const token = {
        user: { id: known.user },
        project: { id: known.project },
        roles: known.roles.map((name) => ({ name })),
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token }));
    });
    await new Promise<void>((resolve) => keystone.listen(0, '127.0.0.1', resolve));
    const config = loadConfig({
      DATABASE_URL: inject('databaseUrl'),
      EMBER_QUEUE_PREFIX: `${inject('queuePrefix')}-keystone`,
      EMBER_LOG_LEVEL: 'fatal',
      EMBER_AUTH: 'keystone',
      EMBER_KEYSTONE_URL: `http://127.0.0.1:${(keystone.address() as AddressInfo).port}/v3`,
    });
    app = await createApi(config);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => keystone?.close(resolve));
  });

  const call = (token: string | null, method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { 'X-Auth-Token': token } : {}), 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('reads the body after the token is validated: a volume created as the token says', async () => {
    const created = await call('member-token', 'POST', `/v3/${P1}/volumes`, { volume: { size: 1, name: 'after-keystone' } });
    expect(created.status).toBe(202);
    const { volume } = (await created.json()) as { volume: { id: string; name: string } };
    expect(volume.name).toBe('after-keystone');
    const shown = await call('member-token', 'GET', `/v3/${P1}/volumes/${volume.id}`);
    expect(shown.status).toBe(200);
    expect(((await shown.json()) as { volume: { user_id: string } }).volume.user_id).toBe('alice');
  });

  it('answers 401 for a token Keystone does not know, and for no token, without reading further', async () => {
    for (const token of ['forged-token', null]) {
      const r = await call(token, 'POST', `/v3/${P1}/volumes`, { volume: { size: 1 } });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toContain('Keystone uri=');
    }
  });

  it("refuses another project's URL with 400 Malformed request url, and asks Keystone once per token", async () => {
    const r = await call('member-token', 'GET', `/v3/${P2}/snapshots`);
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ badRequest: { code: 400, message: 'Malformed request url' } });
    const before = calls;
    for (let i = 0; i < 3; i++) expect((await call('member-token', 'GET', `/v3/${P1}/snapshots`)).status).toBe(200);
    expect(calls).toBe(before); // validated by the first request of this file, cached since
  });
});
