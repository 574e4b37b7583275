import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, open, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '#ember/config';
import { EventStore, microsNow } from '#ember/event-store';
import { snapshotStream, volumeStream } from '#ember/kernel';
import { SnapshotEvents, SnapshotRepository } from '#ember/snapshots';
import { VolumeEvents } from '#ember/volumes';
import { imageChecksum } from '#ember/storage';
import { isolatedDatabase } from '../../../test/support/database.js';
import { CreateSnapshotJob } from './processors/create-snapshot.job.js';
import { WorkerModule } from './worker.module.js';

const MiB = 1024 * 1024;
const meta = () => ({ requestId: `req-${randomUUID()}`, userId: 'u1', projectId: 'p1' });

/** Waits until `probe` returns a truthy value (or fails the test after `ms`). */
async function until<T>(probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('worker process (dispatcher + storage jobs) on real Postgres, Redis and files', () => {
  let app: INestApplicationContext;
  let store: EventStore;
  let db: DataSource;
  let dataDir: string;
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ember-worker-'));
    // Its own database: the dispatcher reads every event of its database.
    database = await isolatedDatabase();
    const config = loadConfig({
      DATABASE_URL: database.url,
      EMBER_QUEUE_PREFIX: `${inject('queuePrefix')}-worker`,
      EMBER_DATA_DIR: dataDir,
      EMBER_LOG_LEVEL: 'error',
    });
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error'] });
    await app.init();
    store = app.get(EventStore);
    db = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Commits a request event straight to the log, never enqueuing: as if the API crashed after commit. */
  async function commitOnly(stream: string, type: string, data: Record<string, unknown>, metadata = meta()) {
    await store.append({ streamId: stream, expectedVersion: 'no_stream', events: [{ eventId: randomUUID(), type, data, metadata }] });
    return metadata;
  }

  async function availableVolume(sizeGiB = 1): Promise<string> {
    const id = randomUUID();
    await commitOnly(volumeStream(id), VolumeEvents.Requested, {
      volumeId: id, projectId: 'p1', userId: 'u1', name: null, description: null, metadata: {}, size: sizeGiB,
      availabilityZone: 'nova', volumeType: '__DEFAULT__', snapshotId: null, sourceVolid: null, at: microsNow(),
    });
    await until(async () => (await db.query(`SELECT status FROM volumes WHERE id = $1`, [id]))[0]?.status === 'available');
    return id;
  }

  const requestSnapshot = (snapshotId: string, volumeId: string, metadata = meta()) =>
    commitOnly(snapshotStream(snapshotId), SnapshotEvents.Requested, {
      snapshotId, volumeId, projectId: 'p1', userId: 'u1', name: 's', description: null, metadata: {}, size: 1,
      volumeVersion: 2, at: microsNow(),
    }, metadata);

  it('allocates a volume whose request was committed but never enqueued (the dispatcher re-drives it)', async () => {
    const id = await availableVolume(1);
    const st = await stat(join(dataDir, 'volumes', `${id}.img`));
    expect(st.size).toBe(1024 * MiB);
    expect(st.blocks * 512).toBeLessThan(MiB);
  });

  it('copies a volume into its snapshot, keeps holes, records bytes/checksum, and links the outcome to the request', async () => {
    const volumeId = await availableVolume(1);
    const image = join(dataDir, 'volumes', `${volumeId}.img`);
    const fh = await open(image, 'r+');
    const data = randomBytes(8 * MiB);
    await fh.write(data, 0, data.length, 100 * MiB);
    await fh.write(data, 0, MiB, 1023 * MiB);
    await fh.close();

    const snapshotId = randomUUID();
    const metadata = await requestSnapshot(snapshotId, volumeId);
    const row = await until(async () => {
      const [r] = await db.query(`SELECT * FROM snapshots WHERE id = $1`, [snapshotId]);
      return r?.status === 'available' ? r : null;
    });
    const file = join(dataDir, 'snapshots', `${snapshotId}.img`);
    const expected = await imageChecksum(image);
    const actual = await imageChecksum(file);
    expect(actual.checksum).toBe(expected.checksum);
    expect(row.checksum).toBe(expected.checksum);
    expect(row.progress).toBe('100%');
    expect(Number(row.bytes)).toBe(1024 * MiB);
    expect(actual.allocatedBytes).toBeGreaterThanOrEqual(9 * MiB);
    expect(actual.allocatedBytes).toBeLessThan(20 * MiB);

    const events = await store.readStream(snapshotStream(snapshotId));
    // Progress events may come in between when the copy takes over a second.
    const outcome = events.filter((e) => e.type !== SnapshotEvents.Progressed);
    expect(outcome.map((e) => e.type)).toEqual([SnapshotEvents.Requested, SnapshotEvents.Available]);
    for (const e of events.slice(1)) {
      expect(e.metadata.requestId).toBe(metadata.requestId);
      expect(e.metadata.causationId).toBe(events[0]!.eventId);
    }
    expect(outcome[1]!.data).toMatchObject({ bytes: 1024 * MiB, checksum: expected.checksum });
  });

  it('records SnapshotFailed (status error) when the volume image is gone: a permanent failure, no retry loop', async () => {
    const volumeId = await availableVolume(1);
    await unlink(join(dataDir, 'volumes', `${volumeId}.img`));
    const snapshotId = randomUUID();
    await requestSnapshot(snapshotId, volumeId);
    await until(async () => (await db.query(`SELECT status FROM snapshots WHERE id = $1`, [snapshotId]))[0]?.status === 'error');
    const events = await store.readStream(snapshotStream(snapshotId));
    expect(events.map((e) => e.type)).toEqual([SnapshotEvents.Requested, SnapshotEvents.Failed]);
    expect(events[1]!.data.code).toBe('STORAGE_SOURCE_MISSING');
  });

  it('is safe to run again after a crash mid-copy and after completion: one outcome event, right bytes', async () => {
    const volumeId = await availableVolume(1);
    const image = join(dataDir, 'volumes', `${volumeId}.img`);
    const fh = await open(image, 'r+');
    await fh.write(randomBytes(MiB), 0, MiB, 5 * MiB);
    await fh.close();
    const snapshotId = randomUUID();
    // What crashes leave behind: a temp file from a copy cut off mid-way, and a renamed copy whose
    // outcome event was never appended (here with wrong content).
    await mkdir(join(dataDir, 'snapshots'), { recursive: true });
    await writeFile(join(dataDir, 'snapshots', `${snapshotId}.img.tmp-crashed`), randomBytes(MiB));
    await writeFile(join(dataDir, 'snapshots', `${snapshotId}.img`), randomBytes(3 * MiB));

    const repo = app.get(SnapshotRepository);
    await requestSnapshot(snapshotId, volumeId);
    await until(async () => (await repo.load(snapshotId))?.status === 'available');
    expect((await imageChecksum(join(dataDir, 'snapshots', `${snapshotId}.img`))).checksum).toBe(
      (await imageChecksum(image)).checksum,
    );

    // A duplicate delivery after completion changes nothing.
    const job = app.get(CreateSnapshotJob);
    const run = { id: 'again', data: { resourceId: snapshotId, causationEventId: randomUUID(), causationMetadata: {} }, isFinalAttempt: false };
    expect(await job.run(run)).toMatch(/^skipped/);
    const events = await store.readStream(snapshotStream(snapshotId));
    expect(events.filter((e) => e.type === SnapshotEvents.Available)).toHaveLength(1);
  });
});
