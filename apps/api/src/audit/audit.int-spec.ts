import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isAllowed } from '#ember/cinder';
import { loadConfig } from '#ember/config';
import { EventStore } from '#ember/event-store';
import { SnapshotEvents } from '#ember/snapshots';
import { VolumeEvents } from '#ember/volumes';
import { WorkerModule } from '../../../worker/src/worker.module.js';
import { cinderClient } from '../../../../test/support/cinder-client.js';
import { isolatedDatabase } from '../../../../test/support/database.js';
import { eventually } from '../../../../test/support/stack.js';
import { createApi } from '../create-api.js';

const P = 'a0d17a0d17a0d17a0d17a0d17a0d170';

/** Request metadata from the API through the dispatcher and worker to the outcome event, and the audit endpoint. */
describe('audit of requests carried through the worker', () => {
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let dataDir: string;
  let api: NestExpressApplication;
  let worker: INestApplicationContext;
  let call: ReturnType<typeof cinderClient>;
  let store: EventStore;

  beforeAll(async () => {
    database = await isolatedDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'ember-audit-'));
    const config = loadConfig({
      DATABASE_URL: database.url,
      EMBER_QUEUE_PREFIX: `${inject('queuePrefix')}-audit`,
      EMBER_DATA_DIR: dataDir,
      EMBER_LOG_LEVEL: 'fatal',
    });
    api = await createApi(config);
    await api.listen(0, '127.0.0.1');
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await worker.init();
    call = cinderClient(await api.getUrl(), `alice:${P}`);
    store = api.get(EventStore);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const available = (kind: 'volumes' | 'snapshots', id: string) =>
    eventually(async () => {
      const r = await call('GET', `/v3/${P}/${kind}/${id}`);
      return r.body[kind.slice(0, -1)]?.status === 'available';
    });
  const requestIdOf = (r: { headers: Headers }) => r.headers.get('x-openstack-request-id')!;

  let snapshotId: string;
  let volumeId: string;
  const requests: string[] = [];
  const globalRequestId = `req-${randomUUID()}`;

  it("stamps a worker's outcome event with the API request's ids, the requesting user and its cause", async () => {
    const volume = await call('POST', `/v3/${P}/volumes`, { volume: { size: 1 } });
    volumeId = volume.body.volume.id;
    await available('volumes', volumeId);
    const snapshot = await call('POST', `/v3/${P}/snapshots`, { snapshot: { volume_id: volumeId } }, {
      'X-OpenStack-Request-ID': globalRequestId,
    });
    expect(snapshot.status).toBe(202);
    snapshotId = snapshot.body.snapshot.id;
    requests.push(requestIdOf(snapshot));
    await available('snapshots', snapshotId);

    const events = await store.readStream(`snapshot-${snapshotId}`);
    const [requested, outcome] = [events[0]!, events.find((e) => e.type === SnapshotEvents.Available)!];
    expect(requested.metadata).toMatchObject({
      requestId: requests[0], correlationId: requests[0], globalRequestId, userId: 'alice', projectId: P, authMode: 'noauth',
      roles: expect.arrayContaining(['admin']), clientAddress: expect.stringContaining('127.0.0.1'),
      instance: expect.stringMatching(/:\d+$/),
    });
    expect(outcome.metadata).toEqual({
      requestId: requests[0], correlationId: requests[0], globalRequestId, userId: 'alice', projectId: P,
      roles: requested.metadata.roles, clientAddress: requested.metadata.clientAddress,
      authMode: 'worker', causationId: requested.eventId, jobId: requested.eventId, instance: expect.stringMatching(/:\d+$/),
    });
    const volumeEvents = await store.readStream(`volume-${volumeId}`);
    const allocated = volumeEvents.find((e) => e.type === VolumeEvents.Available)!;
    expect(allocated.metadata).toMatchObject({ correlationId: requestIdOf(volume), userId: 'alice', causationId: volumeEvents[0]!.eventId });
  });

  it('serves the timeline to admins with each request id and actor, and the state as of a past moment', async () => {
    const renamed = await call('PUT', `/v3/${P}/snapshots/${snapshotId}`, { snapshot: { name: 'renamed' } });
    requests.push(requestIdOf(renamed));
    const meta = await call('POST', `/v3/${P}/snapshots/${snapshotId}/metadata`, { metadata: { k1: 'v1' } });
    requests.push(requestIdOf(meta));

    const audit = await call('GET', `/v3/${P}/ember-audit/snapshots/${snapshotId}`);
    expect(audit.status).toBe(200);
    const events = (audit.body.audit.events as any[]).filter((e) => e.type !== SnapshotEvents.Progressed);
    expect(events.map((e) => [e.type, e.actor.user_id, e.actor.auth_mode, e.request_id])).toEqual([
      [SnapshotEvents.Requested, 'alice', 'noauth', requests[0]],
      [SnapshotEvents.Available, 'alice', 'worker', requests[0]],
      [SnapshotEvents.Updated, 'alice', 'noauth', requests[1]],
      [SnapshotEvents.MetadataChanged, 'alice', 'noauth', requests[2]],
    ]);
    expect(events[2].summary).toBe("renamed to 'renamed'");
    expect(events[3].summary).toBe('metadata: +k1');
    expect(events[1].summary).toMatch(/^copied 1 GiB \(.+ allocated\), checksum sha256-4m:/);

    const before = await call('GET', `/v3/${P}/ember-audit/snapshots/${snapshotId}?as_of=${encodeURIComponent(events[2].time)}`);
    expect(before.body.audit.as_of.snapshot).toMatchObject({ id: snapshotId, name: 'renamed', metadata: {}, status: 'available' });
    expect(before.body.audit.events.at(-1).type).toBe(SnapshotEvents.Updated);
    const volume = await call('GET', `/v3/${P}/ember-audit/volumes/${volumeId}`);
    expect(volume.body.audit.events.map((e: any) => e.type)).toEqual([VolumeEvents.Requested, VolumeEvents.Available]);
  });

  it("answers Cinder's faults for an unknown resource or a bad time, and keeps the rule admin-only", async () => {
    const missing = await call('GET', `/v3/${P}/ember-audit/volumes/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.itemNotFound.message).toMatch(/^Volume .* could not be found\.$/);
    const bad = await call('GET', `/v3/${P}/ember-audit/snapshots/${snapshotId}?as_of=yesterday`);
    expect(bad.status).toBe(400);
    expect(isAllowed({ projectId: P, roles: ['member', 'reader'], isAdmin: false }, 'ember:audit')).toBe(false);
    expect(isAllowed({ projectId: 'other', roles: ['admin'], isAdmin: true }, 'ember:audit', P)).toBe(true);
  });
});
