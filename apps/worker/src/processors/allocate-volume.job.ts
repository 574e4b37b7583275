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

/**
 * Provisions a new volume's image (empty and thin, restored from a snapshot after checking its checksum,
 * or cloned from another volume) and records it available. Retry-safe like every job.
 */
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
      const source = state.source;
      if (source && 'snapshotId' in source) {
        await this.storage.populateVolume({ snapshotId: source.snapshotId }, id, state.size, { expectedChecksum: source.checksum });
      } else if (source) {
        await this.storage.populateVolume({ volumeId: source.sourceVolid }, id, state.size);
      } else {
        await this.storage.allocateVolume(id, state.size);
      }
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
