import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '#ember/config';
import { cinderClient } from '../../../../test/support/cinder-client.js';
import { createApi } from '../create-api.js';

const P = 'd1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1';
const OTHER = 'd2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2';

/** GET /limits: the shape of cinder-samples/limits/limits-show-response.json, from the quota read models. */
describe('GET /v3/{project_id}/limits', () => {
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    app = await createApi(
      loadConfig({ DATABASE_URL: inject('databaseUrl'), EMBER_QUEUE_PREFIX: `${inject('queuePrefix')}-limits`, EMBER_LOG_LEVEL: 'fatal' }),
    );
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(async () => app?.close());

  it('gives the absolute limits and the usage of the caller\'s project, no rate limits', async () => {
    const api = cinderClient(base, `u:${P}`);
    expect((await api('POST', `/v3/${P}/volumes`, { volume: { size: 4 } })).status).toBe(202);
    await api('PUT', `/v3/${P}/os-quota-sets/${P}`, { quota_set: { snapshots: 7 } });
    const limits = await api('GET', `/v3/${P}/limits`);
    expect(limits.status).toBe(200);
    expect(limits.body).toEqual({
      limits: {
        rate: [],
        absolute: {
          maxTotalVolumes: 10, maxTotalSnapshots: 7, maxTotalVolumeGigabytes: 1000, maxTotalBackups: 10,
          maxTotalBackupGigabytes: 1000, totalVolumesUsed: 1, totalGigabytesUsed: 4, totalSnapshotsUsed: 0,
          totalBackupsUsed: 0, totalBackupGigabytesUsed: 0,
        },
      },
    });
  });

  it("lets an admin ask for another project's limits from microversion 3.39", async () => {
    const api = cinderClient(base, `u:${P}`);
    await api('PUT', `/v3/${P}/os-quota-sets/${OTHER}`, { quota_set: { volumes: 3 } });
    const before = await api('GET', `/v3/${P}/limits?project_id=${OTHER}`, undefined, { 'OpenStack-API-Version': 'volume 3.38' });
    expect(before.body.limits.absolute.maxTotalVolumes).toBe(10);
    const after = await api('GET', `/v3/${P}/limits?project_id=${OTHER}`, undefined, { 'OpenStack-API-Version': 'volume 3.39' });
    expect(after.body.limits.absolute).toMatchObject({ maxTotalVolumes: 3, totalVolumesUsed: 0 });
  });
});
