import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConcurrencyError, EventStore, microsNow } from '#ember/event-store';
import type { StorageJobData } from '#ember/jobs';
import { stamp, volumeStream } from '#ember/kernel';
import { STORAGE_BACKEND } from '#ember/platform';
import type { StorageBackend } from '#ember/storage';
import { Volume, VolumeRepository } from '#ember/volumes';
import type { JobRun } from './job-run.js';
import { outcomeMetadata } from './outcome-metadata.js';

/** Thrown while a cascade's snapshots are still being deleted: BullMQ retries the job with backoff. */
class SnapshotsStillDeleting extends Error {}

/** Removes a `deleting` volume's image once its snapshots are gone, and records it deleted. Retry-safe. */
@Injectable()
export class DeleteVolumeJob {
  constructor(
    private readonly volumes: VolumeRepository,
    private readonly store: EventStore,
    private readonly db: DataSource,
    @Inject(STORAGE_BACKEND) private readonly storage: StorageBackend,
  ) {}

  async run(job: JobRun<StorageJobData>): Promise<string> {
    const id = job.data.resourceId;
    const state = await this.volumes.load(id);
    if (!state || state.status !== 'deleting') return `skipped: volume is ${state?.status ?? 'unknown'}`;
    const [{ n }] = await this.db.query('SELECT count(*)::int AS n FROM snapshots WHERE volume_id = $1', [id]);
    if (n > 0) throw new SnapshotsStillDeleting(`volume ${id} waits for ${n} snapshot(s) to be deleted`);
    await this.storage.deleteVolume(id);
    try {
      await this.store.append({
        streamId: volumeStream(id),
        expectedVersion: state.version,
        events: stamp(Volume.deleted(state, microsNow()), outcomeMetadata(job)),
      });
    } catch (e) {
      if (!(e instanceof ConcurrencyError)) throw e;
    }
    return 'deleted';
  }
}
