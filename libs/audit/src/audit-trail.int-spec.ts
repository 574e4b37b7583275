import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStore, microsNow, type NewEvent } from '#ember/event-store';
import { inlineProjections } from '#ember/platform';
import { SnapshotEvents } from '#ember/snapshots';
import { VolumeEvents } from '#ember/volumes';
import { openTestDatabase } from '../../../test/support/database.js';
import { AuditTrail } from './audit-trail.js';

const views = { baseUrl: 'http://ember.test:8776', backendHost: 'ember@file#file' };
const PROJECT = 'abcd0000abcd0000abcd0000abcd0000';

describe('audit trail of a snapshot and a volume', () => {
  let dataSource: DataSource;
  let pool: pg.Pool;
  let store: EventStore;
  let trail: AuditTrail;
  const [volumeId, snapshotId] = [randomUUID(), randomUUID()];
  const times: Date[] = [];

  const as = (userId: string, requestId: string, extra: Record<string, unknown> = {}) => ({
    requestId, userId, projectId: PROJECT, roles: ['member'], authMode: 'noauth', correlationId: requestId, ...extra,
  });
  const append = async (stream: string, type: string, data: Record<string, unknown>, metadata: Record<string, unknown>) => {
    const event: NewEvent = { eventId: randomUUID(), type, data: { ...data, at: microsNow() }, metadata };
    const { events } = await store.append({ streamId: stream, expectedVersion: 'any', events: [event] });
    times.push(events[0]!.recordedAt);
  };

  beforeAll(async () => {
    ({ dataSource, pool } = await openTestDatabase(4));
    store = new EventStore(pool, inlineProjections());
    trail = new AuditTrail(pool);
    await append(`volume-${volumeId}`, VolumeEvents.Requested, {
      volumeId, projectId: PROJECT, userId: 'alice', name: 'data', description: null, metadata: {}, size: 1,
      availabilityZone: 'nova', volumeType: '__DEFAULT__', snapshotId: null, sourceVolid: null,
    }, as('alice', 'req-v'));
    const s = `snapshot-${snapshotId}`;
    await append(s, SnapshotEvents.Requested, {
      snapshotId, volumeId, projectId: PROJECT, userId: 'alice', name: 'first', description: null, metadata: { k1: 'a' }, size: 1, volumeVersion: 1,
    }, as('alice', 'req-1'));
    await append(s, SnapshotEvents.Available, { bytes: 1 << 30, allocatedBytes: 64 << 20, checksum: 'sha256-4m:0123456789abcdef0123' },
      as('alice', 'req-1', { authMode: 'worker', causationId: 'cause', jobId: 'job-1' }));
    await append(s, SnapshotEvents.Updated, { name: 'second' }, as('bob', 'req-2'));
    await append(s, SnapshotEvents.MetadataChanged, { metadata: { k3: 'c' } }, as('bob', 'req-3'));
    await append(s, SnapshotEvents.DeletionRequested, { force: true, unmanage: false }, as('admin', 'req-4', { roles: ['admin'] }));
    await append(s, SnapshotEvents.Deleted, { unmanaged: false, projectId: PROJECT, size: 1, consumesQuota: true },
      as('admin', 'req-4', { authMode: 'worker' }));
  });
  afterAll(async () => dataSource.destroy());

  it('lists every event with its time, actor, request id and what it changed', async () => {
    const history = await trail.history('snapshot', snapshotId.toUpperCase(), { views });
    expect(history!.id).toBe(snapshotId);
    expect(history!.events.map((e) => [e.type.split('.')[1], e.actor.userId, e.actor.authMode, e.requestId, e.summary])).toEqual([
      ['requested', 'alice', 'noauth', 'req-1', `requested from volume ${volumeId}, 1 GiB named 'first'`],
      ['available', 'alice', 'worker', 'req-1', 'copied 1 GiB (64 MiB allocated), checksum sha256-4m:0123456789ab…'],
      ['updated', 'bob', 'noauth', 'req-2', "renamed to 'second'"],
      ['metadata_changed', 'bob', 'noauth', 'req-3', 'metadata: +k3, -k1'],
      ['deletion_requested', 'admin', 'noauth', 'req-4', 'deletion requested (force)'],
      ['deleted', 'admin', 'worker', 'req-4', 'deleted'],
    ]);
    expect(history!.events.map((e) => e.time)).toEqual(times.slice(1).map((t) => t.toISOString()));
  });

  it('shows the snapshot as the API did at a past moment, computed by its projection', async () => {
    const renamed = await trail.history('snapshot', snapshotId, { asOf: times[3], views });
    expect(renamed!.events).toHaveLength(3);
    expect(renamed!.asOf!.state).toMatchObject({
      id: snapshotId, name: 'second', status: 'available', metadata: { k1: 'a' }, size: 1, volume_id: volumeId,
      user_id: 'alice', 'os-extended-snapshot-attributes:progress': '100%', 'os-extended-snapshot-attributes:project_id': PROJECT,
    });
    const deleting = await trail.history('snapshot', snapshotId, { asOf: times[5], views });
    expect(deleting!.asOf!.state).toMatchObject({ status: 'deleting', metadata: { k3: 'c' } });
    expect((await trail.history('snapshot', snapshotId, { asOf: times[6], views }))!.asOf).toMatchObject({ state: null, note: 'deleted' });
    expect((await trail.history('snapshot', snapshotId, { asOf: new Date(times[1]!.getTime() - 1), views }))!.asOf).toMatchObject({
      state: null, note: 'not created yet',
    });
  });

  it("renders a volume as the API's detail view, and leaves the live read models alone", async () => {
    const history = await trail.history('volume', volumeId, { asOf: new Date(), views });
    expect(history!.asOf!.state).toMatchObject({
      id: volumeId, name: 'data', status: 'creating', size: 1, 'os-vol-host-attr:host': 'ember@file#file',
      links: [{ rel: 'self', href: `http://ember.test:8776/v3/${PROJECT}/volumes/${volumeId}` }, expect.anything()],
    });
    expect((await pool.query('SELECT count(*)::int AS n FROM snapshots WHERE id = $1', [snapshotId])).rows[0].n).toBe(0);
    expect((await pool.query('SELECT name FROM volumes WHERE id = $1', [volumeId])).rows).toEqual([{ name: 'data' }]);
  });

  it('knows nothing of ids the log never saw', async () => {
    expect(await trail.history('volume', randomUUID(), { views })).toBeNull();
    expect(await trail.history('snapshot', 'not-a-uuid', { views })).toBeNull();
  });
});
