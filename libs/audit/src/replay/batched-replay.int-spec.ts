import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStore, microsNow, START, type AppendToStream, type ExpectedVersion, type InlineProjection, type RecordedEvent } from '#ember/event-store';
import { inlineProjections } from '#ember/platform';
import { QuotaEvents, quotaStream } from '#ember/quotas';
import { SnapshotEvents } from '#ember/snapshots';
import { VolumeEvents } from '#ember/volumes';
import { isolatedDatabase } from '../../../../test/support/database.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';
import { READ_MODEL_TABLES } from '../read-models.js';
import { ReadModelReplay } from './read-model-replay.js';

const PROJECTS = ['ba7c0000ba7c0000ba7c0000ba7c0001', 'ba7c0000ba7c0000ba7c0000ba7c0002', 'ba7c0000ba7c0000ba7c0000ba7c0003'];

interface VolumeState { id: string; project: string; version: number; size: number; pendingSize: number | null; attachments: string[] }
interface SnapshotState { id: string; project: string; version: number; size: number }
type Decided = { type: string; data: Record<string, unknown> };

/**
 * A history that crosses every batch boundary a replay can draw: many volume and snapshot streams,
 * interleaved, several streams per transaction, every event type the projections handle (those folded
 * in a batch and those that read the stored row), deletions, quota limits. Appended through the live
 * projections, so the live read models are what a rebuild must reproduce.
 */
async function appendHistory(store: EventStore, seed: number, steps: number): Promise<void> {
  const r = seededRandom(seed);
  const volumes: VolumeState[] = [];
  const snapshots: SnapshotState[] = [];
  const meta = () => (r.next() < 0.5 ? {} : { [`k${r.int(3)}`]: `v${r.int(100)}` });
  const name = (step: number) => (r.next() < 0.3 ? null : `n${step}-${r.int(1000)}`);

  /** The next events of a volume stream, valid for its state (the live projection would fail otherwise). */
  const volumeEvents = (v: VolumeState, step: number): Decided[] | 'deleted' => {
    const one = (type: string, data: Record<string, unknown> = {}): Decided[] => [{ type, data }];
    switch (r.int(16)) {
      case 0: return one(VolumeEvents.Available, { bytes: v.size * 2 ** 30 });
      case 1: return one(VolumeEvents.Failed, { code: 'STORAGE_FULL', reason: 'full' });
      case 2: return one(VolumeEvents.Updated, r.next() < 0.5 ? { name: name(step) } : { description: `d${step}`, ...(r.next() < 0.5 ? { name: null } : {}) });
      case 3: return one(VolumeEvents.MetadataChanged, { metadata: meta() });
      case 4: return one(VolumeEvents.StatusReset, r.one([{ status: 'error' }, { attachStatus: 'detached' }, { status: 'available', attachStatus: 'attached' }, {}]));
      case 5: {
        if (v.pendingSize === null) {
          v.pendingSize = v.size + 1 + r.int(3);
          return one(VolumeEvents.ExtendRequested, { newSize: v.pendingSize });
        }
        const done = r.next() < 0.6;
        const events = done ? one(VolumeEvents.Extended, { size: v.pendingSize }) : one(VolumeEvents.ExtendFailed, { code: 'X', reason: 'no' });
        if (done) v.size = v.pendingSize;
        v.pendingSize = null;
        return events;
      }
      case 6: {
        const attachmentId = randomUUID();
        v.attachments.push(attachmentId);
        return one(VolumeEvents.AttachmentReserved, { attachmentId, instanceUuid: randomUUID(), mode: 'rw', connector: r.next() < 0.5 ? { host: 'h' } : null });
      }
      case 7: {
        if (v.attachments.length === 0) return one(VolumeEvents.Reserved);
        const attachmentId = r.one(v.attachments);
        return r.next() < 0.5
          ? one(VolumeEvents.AttachmentConnected, { attachmentId, connector: { host: 'h' } })
          : one(VolumeEvents.AttachmentCompleted, { attachmentId });
      }
      case 8: {
        const attachmentId = randomUUID();
        v.attachments.push(attachmentId);
        return one(VolumeEvents.Attached, { attachmentId, instanceUuid: randomUUID(), hostName: null, mountpoint: '/dev/vdb', mode: 'rw' });
      }
      case 9: {
        if (v.attachments.length === 0) return one(VolumeEvents.Unreserved);
        const attachmentId = v.attachments.splice(r.int(v.attachments.length), 1)[0]!;
        return [{ type: VolumeEvents.DetachingStarted, data: {} }, { type: VolumeEvents.Detached, data: { attachmentId } }];
      }
      case 10: return one(r.one([VolumeEvents.DetachingRolledBack, VolumeEvents.Reserved, VolumeEvents.Unreserved]));
      case 11: return one(r.one([VolumeEvents.RevertRequested, VolumeEvents.Reverted, VolumeEvents.RevertFailed]), { snapshotId: randomUUID(), checksum: 'c' });
      case 12: return one(VolumeEvents.DeletionRequested, { cascade: false, force: false });
      case 13: return one(VolumeEvents.DeletionFailed, { code: 'BUSY', reason: 'busy' });
      case 14: return r.next() < 0.5 ? 'deleted' : one(VolumeEvents.Available, { bytes: 1 });
      default: return one(VolumeEvents.Updated, { name: name(step) });
    }
  };
  const snapshotEvents = (s: SnapshotState, step: number): Decided[] | 'deleted' => {
    const one = (type: string, data: Record<string, unknown> = {}): Decided[] => [{ type, data }];
    switch (r.int(13)) {
      case 0: return one(SnapshotEvents.Progressed, { progress: `${r.int(100)}%` });
      case 1: return one(SnapshotEvents.Available, { bytes: s.size * 2 ** 30, allocatedBytes: r.int(64) * 2 ** 20, checksum: `sha256-4m:${r.int(1e9)}` });
      case 2: return one(SnapshotEvents.Failed, { code: 'X', reason: 'gone' });
      case 3: return one(SnapshotEvents.Updated, r.next() < 0.5 ? { name: name(step) } : { description: null });
      case 4: return one(SnapshotEvents.MetadataChanged, { metadata: meta() });
      case 5: return one(SnapshotEvents.StatusReset, { status: r.one(['available', 'error', 'creating']) });
      case 6: return one(SnapshotEvents.StatusUpdated, { status: r.one(['available', 'error']), progress: r.next() < 0.5 ? null : '90%' });
      case 7: return one(SnapshotEvents.DeletionRequested, { force: false, unmanage: r.next() < 0.3 });
      case 8: return one(SnapshotEvents.DeletionFailed, { code: 'BUSY', reason: 'busy' });
      case 9: return one(SnapshotEvents.RestoreStarted, { volumeId: randomUUID() });
      case 10: return one(SnapshotEvents.RestoreFinished, { volumeId: randomUUID() });
      case 11: return 'deleted';
      default: return one(SnapshotEvents.Progressed, { progress: '50%' });
    }
  };

  for (let step = 0; step < steps; step++) {
    const streams: AppendToStream[] = [];
    const touched = new Set<string>();
    const at = microsNow();
    const add = (streamId: string, expectedVersion: ExpectedVersion, events: Decided[]) => {
      touched.add(streamId);
      streams.push({ streamId, expectedVersion, events: events.map((e) => ({ eventId: randomUUID(), type: e.type, data: { ...e.data, at }, metadata: { requestId: `req-${step}` } })) });
    };
    // One to three streams in this transaction, each with one to three events.
    for (let n = 1 + r.int(3); n > 0; n--) {
      const dice = r.int(10);
      if (dice < 2 || volumes.length === 0) {
        const v: VolumeState = { id: randomUUID(), project: r.one(PROJECTS), version: 0, size: 1 + r.int(4), pendingSize: null, attachments: [] };
        add(`volume-${v.id}`, 'no_stream', [{ type: VolumeEvents.Requested, data: {
          volumeId: v.id, projectId: v.project, userId: 'u1', name: name(step), description: null, metadata: meta(), size: v.size,
          availabilityZone: 'nova', volumeType: '__DEFAULT__', snapshotId: null, sourceVolid: null,
        } }, ...(r.next() < 0.7 ? [{ type: VolumeEvents.Available, data: { bytes: v.size * 2 ** 30 } }] : [])]);
        v.version = streams.at(-1)!.events.length;
        volumes.push(v);
      } else if (dice < 5) {
        const volume = r.one(volumes);
        const s: SnapshotState = { id: randomUUID(), project: volume.project, version: 0, size: volume.size };
        add(`snapshot-${s.id}`, 'no_stream', [{ type: SnapshotEvents.Requested, data: {
          snapshotId: s.id, volumeId: volume.id, projectId: s.project, userId: 'u1', name: name(step), description: null,
          metadata: meta(), size: s.size, volumeVersion: volume.version,
        } }, ...(r.next() < 0.6 ? [{ type: SnapshotEvents.Available, data: { bytes: 1, allocatedBytes: 1, checksum: 'c' } }] : [])]);
        s.version = streams.at(-1)!.events.length;
        snapshots.push(s);
      } else if (dice < 8) {
        const v = r.one(volumes);
        if (touched.has(`volume-${v.id}`)) continue;
        const events: Decided[] = [];
        for (let k = 1 + r.int(3); k > 0; k--) {
          const next = volumeEvents(v, step);
          if (next === 'deleted') {
            events.push({ type: VolumeEvents.Deleted, data: { projectId: v.project, size: v.size } });
            volumes.splice(volumes.indexOf(v), 1);
            break;
          }
          events.push(...next);
        }
        add(`volume-${v.id}`, v.version, events);
        v.version += events.length;
      } else if (snapshots.length > 0) {
        const s = r.one(snapshots);
        if (touched.has(`snapshot-${s.id}`)) continue;
        const events: Decided[] = [];
        for (let k = 1 + r.int(3); k > 0; k--) {
          const next = snapshotEvents(s, step);
          if (next === 'deleted') {
            events.push({ type: SnapshotEvents.Deleted, data: { unmanaged: false, projectId: s.project, size: s.size, consumesQuota: r.next() < 0.8 } });
            snapshots.splice(snapshots.indexOf(s), 1);
            break;
          }
          events.push(...next);
        }
        add(`snapshot-${s.id}`, s.version, events);
        s.version += events.length;
      }
    }
    if (r.int(20) === 0) {
      const project = r.one(PROJECTS);
      const event = r.next() < 0.7
        ? { type: QuotaEvents.LimitsSet, data: { projectId: project, limits: { snapshots: 100 + r.int(50), volumes: -1 } } }
        : { type: QuotaEvents.LimitsReset, data: { projectId: project } };
      if (!touched.has(quotaStream(project))) add(quotaStream(project), 'any', [event]);
    }
    if (streams.length > 0) await store.append(streams);
  }
}

/** The projections with their batch forms broken by `sabotage` (for the test that must see it). */
const sabotaged = (sabotage: (events: readonly RecordedEvent[]) => readonly RecordedEvent[]) =>
  (inlineProjections() as InlineProjection[]).map((p): InlineProjection => (p.applyBatch
    ? { name: p.name, handles: p.handles, apply: (tx, e) => p.apply(tx, e), applyBatch: (tx, events) => p.applyBatch!(tx, sabotage(events)) }
    : p));

describe('batched replay (folded streams, batch boundaries) on real Postgres', () => {
  let db: { url: string; drop: () => Promise<void> };
  let pool: pg.Pool;
  let eventCount = 0;
  const replay = (batchSize: number, projections: readonly InlineProjection[] = inlineProjections()) =>
    new ReadModelReplay({ url: db.url, projections, tables: READ_MODEL_TABLES }, { batchSize });

  beforeAll(async () => {
    db = await isolatedDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    await appendHistory(new EventStore(pool, inlineProjections()), 20261126, 400);
    eventCount = Number((await pool.query('SELECT count(*) FROM events')).rows[0].count);
    const { rows } = await pool.query(`SELECT (SELECT count(*) FROM volumes)::int AS volumes, (SELECT count(*) FROM snapshots)::int AS snapshots,
                                              (SELECT count(DISTINCT type)::int FROM events) AS types`);
    // The history is what it claims: hundreds of events, rows left in both tables, most event types.
    expect(eventCount).toBeGreaterThan(800);
    expect(rows[0].volumes).toBeGreaterThan(20);
    expect(rows[0].snapshots).toBeGreaterThan(20);
    expect(rows[0].types).toBeGreaterThan(35);
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  for (const batchSize of [1, 2, 3, 7, 64, 5000]) {
    it(`rebuilds exactly the live read models in batches of ${batchSize}`, async () => {
      const report = await replay(batchSize).verify();
      expect(report.tables.flatMap((t) => t.differences)).toEqual([]);
      expect(report.events).toBe(eventCount);
    });
  }

  it('sees a batch that loses its last event or applies events out of order', async () => {
    // Seen: the rebuild differs from the live tables, or cannot even be made (an update of an attachment
    // applied before the attachment exists fails, as it would live).
    const seen = (sabotage: (events: readonly RecordedEvent[]) => readonly RecordedEvent[]) =>
      replay(64, sabotaged(sabotage)).verify().then((report) => report.differences, (e: Error) => e.message);
    expect(await seen((events) => events.slice(0, -1))).not.toBe(0);
    expect(await seen((events) => [...events].reverse())).not.toBe(0);
    expect(await seen((events) => [...events.slice(1), events[0]!])).not.toBe(0);
    expect(await seen((events) => events)).toBe(0);
  });

  it('swaps in tables rebuilt across batch boundaries, equal to what the live projections wrote', async () => {
    const before = await pool.query(`SELECT to_jsonb(v) AS row FROM volumes v ORDER BY id`);
    const snapshots = await pool.query(`SELECT to_jsonb(s) AS row FROM snapshots s ORDER BY id`);
    const usage = await pool.query(`SELECT project_id, resource, sum(in_use)::bigint AS n FROM quota_usages GROUP BY 1, 2 ORDER BY 1, 2`);
    await replay(13).swap();
    expect((await pool.query(`SELECT to_jsonb(v) AS row FROM volumes v ORDER BY id`)).rows).toEqual(before.rows);
    expect((await pool.query(`SELECT to_jsonb(s) AS row FROM snapshots s ORDER BY id`)).rows).toEqual(snapshots.rows);
    expect((await pool.query(`SELECT project_id, resource, sum(in_use)::bigint AS n FROM quota_usages GROUP BY 1, 2 ORDER BY 1, 2`)).rows).toEqual(usage.rows);
  });
});

describe('batched replay of events stored in an older shape', () => {
  let db: { url: string; drop: () => Promise<void> };
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await isolatedDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('upcasts them with their metadata and time even though no projection reads those', async () => {
    // Stored without projections (as Ember 0.0.x did): only a rebuild makes their rows.
    const store = new EventStore(pool);
    const [snapshotId, volumeId] = [randomUUID(), randomUUID()];
    // No created_at: the v0 upcaster falls back to the event's recordedAt.
    await store.append({ streamId: `snapshot-${snapshotId}`, expectedVersion: 'no_stream', events: [
      { eventId: randomUUID(), type: 'snapshot.requested.v0', data: { snapshot_id: snapshotId, volume_id: volumeId, project_id: PROJECTS[0], user_id: 'old', display_name: 'legacy', volume_size: 2 }, metadata: { requestId: 'req-old' } },
      { eventId: randomUUID(), type: SnapshotEvents.Available, data: { bytes: 1, allocatedBytes: 1, checksum: 'c', at: microsNow() } },
    ] });
    const report = await new ReadModelReplay({ url: db.url, projections: inlineProjections(), tables: READ_MODEL_TABLES }, { batchSize: 1 }).swap();
    expect(report.events).toBe(2);
    const [requested] = await store.readAll(START, 1);
    const { rows } = await pool.query('SELECT name, user_id, size, status, created_at, version FROM snapshots WHERE id = $1', [snapshotId]);
    expect(rows).toEqual([{ name: 'legacy', user_id: 'old', size: 2, status: 'available', created_at: String(requested!.data.at).replace(/Z$/, ''), version: 2 }]);
    expect(String(requested!.data.at)).toMatch(/^\d{4}-/);
  });
});
