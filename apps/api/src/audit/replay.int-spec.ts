import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { READ_MODEL_TABLES, ReadModelReplay, type SwapReport } from '#ember/audit';
import { loadConfig } from '#ember/config';
import { EventStore, microsNow, type NewEvent } from '#ember/event-store';
import { stamp } from '#ember/kernel';
import { inlineProjections } from '#ember/platform';
import { foldSnapshot, Snapshot } from '#ember/snapshots';
import { foldVolume, Volume } from '#ember/volumes';
import { cinderClient, type Reply } from '../../../../test/support/cinder-client.js';
import { isolatedDatabase } from '../../../../test/support/database.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';
import { createApi } from '../create-api.js';

const P = 'be7a0000be7a0000be7a0000be7a0000';

/**
 * `replay --verify` finds nothing to report after any mix of API commands and worker outcomes, and
 * `replay` swaps the rebuilt read models in while API writes go on, failing and losing none of them.
 */
describe('replay of read models written by the API and the worker', () => {
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let api: NestExpressApplication;
  let call: ReturnType<typeof cinderClient>;
  let store: EventStore;
  const replay = () => new ReadModelReplay({ url: database.url, projections: inlineProjections(), tables: READ_MODEL_TABLES }, { batchSize: 50 });

  beforeAll(async () => {
    database = await isolatedDatabase();
    api = await createApi(
      loadConfig({
        DATABASE_URL: database.url,
        EMBER_QUEUE_PREFIX: `${inject('queuePrefix')}-replay`,
        EMBER_LOG_LEVEL: 'fatal',
        EMBER_QUOTA_VOLUMES: '-1',
        EMBER_QUOTA_SNAPSHOTS: '-1',
        EMBER_QUOTA_GIGABYTES: '-1',
      }),
    );
    await api.listen(0, '127.0.0.1');
    call = cinderClient(await api.getUrl(), `prop:${P}`);
    store = api.get(EventStore);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  /** What a storage job would append next, decided on the stream's current state (as the worker does). */
  async function workerOutcome(kind: 'volume' | 'snapshot', id: string, r: ReturnType<typeof seededRandom>): Promise<void> {
    const events = await store.readStream(`${kind}-${id}`);
    const cause = events.at(-1)!;
    const at = microsNow();
    let decided: Omit<NewEvent, 'eventId'>[] = [];
    if (kind === 'volume') {
      const v = foldVolume(events)!;
      if (v.status === 'creating') decided = r.next() < 0.8 ? Volume.markAvailable(v.size * 2 ** 30, at) : Volume.markFailed('STORAGE_FULL', 'no space', at);
      else if (v.status === 'extending') decided = Volume.extended(v, (cause.data.newSize as number) ?? v.size, at);
      else if (v.status === 'deleting') decided = Volume.deleted(v, at);
    } else {
      const s = foldSnapshot(events)!;
      if (s.status === 'creating' && r.next() < 0.3) decided = Snapshot.progressed(s, `${10 + r.int(80)}%`, at);
      else if (s.status === 'creating') {
        decided = r.next() < 0.8
          ? Snapshot.completed(s, { bytes: s.size * 2 ** 30, allocatedBytes: r.int(64) * 2 ** 20, checksum: `sha256-4m:${randomUUID()}` }, at)
          : Snapshot.failed(s, 'STORAGE_SOURCE_MISSING', 'gone', at);
      } else if (s.status === 'deleting') decided = r.next() < 0.8 ? Snapshot.deleted(s, at) : Snapshot.deletionFailed(s, 'BUSY', 'in use', at);
    }
    if (decided.length === 0) return;
    const metadata = { ...cause.metadata, authMode: 'worker', causationId: cause.eventId, jobId: cause.eventId };
    await store.append({ streamId: `${kind}-${id}`, expectedVersion: events.length, events: stamp(decided, metadata) });
  }

  async function randomHistory(seed: number, steps: number): Promise<Reply[]> {
    const r = seededRandom(seed);
    const volumes: string[] = [];
    const snapshots: string[] = [];
    const replies: Reply[] = [];
    const meta = () => (r.next() < 0.5 ? { [`k${r.int(4)}`]: `v${r.int(100)}` } : {});
    const any = (): ['volume' | 'snapshot', string] | null => {
      const kind = r.next() < 0.5 ? 'volume' : 'snapshot';
      const id = r.pick(kind === 'volume' ? volumes : snapshots);
      return id ? [kind, id] : null;
    };
    const send = async (method: string, path: string, body?: unknown) => {
      const reply = await call(method, `/v3/${P}${path}`, body);
      replies.push(reply);
      return reply;
    };
    for (let step = 0; step < steps; step++) {
      const target = any();
      const path = target ? `/${target[0]}s/${target[1]}` : '';
      switch (r.int(12)) {
        case 0: {
          const v = await send('POST', '/volumes', { volume: { size: 1 + r.int(3), name: r.next() < 0.5 ? `v${step}` : null, metadata: meta() } });
          if (v.status === 202) volumes.push(v.body.volume.id);
          break;
        }
        case 1: {
          const volume = r.pick(volumes);
          const s = volume && (await send('POST', '/snapshots', { snapshot: { volume_id: volume, force: true, name: `s${step}`, metadata: meta() } }));
          if (s && s.status === 202) snapshots.push(s.body.snapshot.id);
          break;
        }
        case 2:
        case 3:
          if (target) await workerOutcome(target[0], target[1], r);
          break;
        case 4:
          if (target) await send('PUT', path, { [target[0]]: r.next() < 0.7 ? { name: `n${step}` } : { name: null, description: `d${step}` } });
          break;
        case 5:
          if (target) await send(r.next() < 0.5 ? 'POST' : 'PUT', `${path}/metadata`, { metadata: meta() });
          break;
        case 6:
          if (target) await send('DELETE', `${path}/metadata/k${r.int(4)}`);
          break;
        case 7: {
          const statuses = target?.[0] === 'volume' ? ['available', 'error', 'in-use'] : ['available', 'error', 'creating', 'deleting'];
          if (target) await send('POST', `${path}/action`, { 'os-reset_status': { status: r.pick(statuses) } });
          break;
        }
        case 8:
          if (target) await send('DELETE', path);
          break;
        case 9: {
          const volume = r.pick(volumes);
          if (volume) {
            const size = (await call('GET', `/v3/${P}/volumes/${volume}`)).body.volume?.size ?? 1;
            await send('POST', `/volumes/${volume}/action`, { 'os-extend': { new_size: size + 1 } });
          }
          break;
        }
        case 10: {
          const volume = r.pick(volumes);
          if (volume && r.next() < 0.5) {
            await send('POST', `/volumes/${volume}/action`, { 'os-attach': { instance_uuid: randomUUID(), mountpoint: '/dev/vdb' } });
          } else if (volume) await send('POST', `/volumes/${volume}/action`, { 'os-detach': {} });
          break;
        }
        case 11:
          await send('PUT', `/os-quota-sets/${P}`, { quota_set: { snapshots: 1000 + r.int(100), volumes: -1 } });
          break;
      }
    }
    return replies;
  }

  for (const seed of [1, 2, 3, 4]) {
    it(`finds no difference after a random history (seed ${seed})`, async () => {
      const replies = await randomHistory(seed, 150);
      expect(replies.filter((r) => r.status >= 500)).toEqual([]);
      expect(replies.filter((r) => r.status < 300).length).toBeGreaterThan(30);
      const report = await replay().verify();
      expect({ seed, differences: report.tables.flatMap((t) => t.differences) }).toEqual({ seed, differences: [] });
      expect(report.events).toBeGreaterThan(0);
    });
  }

  it('swaps while API writes go on: every request succeeds and every write is in the new tables', async () => {
    let stop = false;
    const failures: string[] = [];
    const written = new Map<string, { name: string; metadata: Record<string, string> }>();
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `w${w}-${i}`;
        const created = await call('POST', `/v3/${P}/volumes`, { volume: { size: 1, name } });
        if (created.status !== 202) failures.push(`create ${created.status} ${JSON.stringify(created.body)}`);
        const id = created.body.volume?.id as string;
        // Allocated by "the worker", then snapshotted: the snapshot request holds the volume row FOR SHARE
        // before it appends, which deadlocks with a barrier that waits on the tables past deadlock_timeout.
        await store.append({ streamId: `volume-${id}`, expectedVersion: 1, events: stamp(Volume.markAvailable(2 ** 30, microsNow()), {}) });
        const snapshot = await call('POST', `/v3/${P}/snapshots`, { snapshot: { volume_id: id } });
        const renamed = await call('PUT', `/v3/${P}/volumes/${id}`, { volume: { name: `${name}-renamed` } });
        const meta = await call('POST', `/v3/${P}/volumes/${id}/metadata`, { metadata: { writer: String(w), i: String(i) } });
        const read = await call('GET', `/v3/${P}/volumes/${id}`);
        for (const r of [snapshot, renamed, meta, read]) if (r.status >= 300) failures.push(`${r.status} ${JSON.stringify(r.body)}`);
        written.set(id, { name: `${name}-renamed`, metadata: { writer: String(w), i: String(i) } });
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    let writesDuringSwap = 0;
    let [first, second] = [null, null] as (SwapReport | null)[];
    try {
      await new Promise((r) => setTimeout(r, 300));
      const writes = written.size;
      first = await replay().swap();
      writesDuringSwap = written.size - writes;
      second = await replay().swap();
    } finally {
      stop = true;
      await Promise.all(writers);
    }
    expect(writesDuringSwap).toBeGreaterThan(0);

    expect(failures).toEqual([]);
    expect(written.size).toBeGreaterThan(20);
    const rows: { id: string; name: string; metadata: Record<string, string> }[] = await api
      .get(DataSource)
      .query('SELECT id, name, metadata FROM volumes WHERE id = ANY($1)', [[...written.keys()]]);
    expect(rows).toHaveLength(written.size);
    for (const row of rows) expect({ name: row.name, metadata: row.metadata }).toEqual(written.get(row.id));
    expect((await replay().verify()).differences).toBe(0);
    expect(first!.barrierMs + second!.barrierMs).toBeLessThan(5000);
  });
});
