import { Inject, Injectable } from '@nestjs/common';
import { ConcurrencyError, EventStore, microsNow } from '#ember/event-store';
import type { StorageJobData } from '#ember/jobs';
import { stamp, volumeStream } from '#ember/kernel';
import { StorageError, type StorageBackend } from '#ember/storage';
import { Volume, VolumeRepository } from '#ember/volumes';
import { STORAGE_BACKEND } from '#ember/platform';
import type { JobRun } from './job-run.js';
import { outcomeMetadata } from './outcome-metadata.js';

const GiB = 1024 ** 3;

/** Provisions a new volume's (thin) image and records it available. Retry-safe like every job. */
@Injectable()
export class AllocateVolumeJob {
  constructor(
    private readonly volumes: VolumeRepository,
    private readonly store: EventStore,
    @Inject(STORAGE_BACKEND) private readonly storage: StorageBackend,
  ) {}

  async run(job: JobRun<StorageJobData>): Promise<string> {
    const id = job.data.resourceId;
    const state = await this.volumes.load(id);
    if (!state || state.status !== 'creating') return `skipped: volume is ${state?.status ?? 'unknown'}`;
    let events;
    try {
      await this.storage.allocateVolume(id, state.size);
      events = Volume.markAvailable(state.size * GiB, microsNow());
    } catch (e) {
      if (e instanceof StorageError && !e.permanent && !job.isFinalAttempt) throw e;
      events = Volume.markFailed(e instanceof StorageError ? e.code : 'VOLUME_ALLOCATE_FAILED', String(e), microsNow());
    }
    try {
      await this.store.append({ streamId: volumeStream(id), expectedVersion: state.version, events: stamp(events, outcomeMetadata(job)) });
    } catch (e) {
      // Someone else (a duplicate delivery) recorded the outcome first.
      if (!(e instanceof ConcurrencyError)) throw e;
    }
    return events[0]!.type;
  }
}
