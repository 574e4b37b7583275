import { Inject, Injectable } from '@nestjs/common';
import { ConcurrencyError, EventStore, microsNow } from '#ember/event-store';
import type { StorageJobData } from '#ember/jobs';
import { stamp, volumeStream } from '#ember/kernel';
import { STORAGE_BACKEND } from '#ember/platform';
import { StorageError, type StorageBackend } from '#ember/storage';
import { VolumeEvents, VolumeRepository, type VolumeExtendRequested } from '#ember/volumes';
import type { JobRun } from './job-run.js';
import { outcomeMetadata } from './outcome-metadata.js';

/** Grows an `extending` volume's image to the requested size and records it. Retry-safe. */
@Injectable()
export class ExtendVolumeJob {
  constructor(
    private readonly volumes: VolumeRepository,
    private readonly store: EventStore,
    @Inject(STORAGE_BACKEND) private readonly storage: StorageBackend,
  ) {}

  async run(job: JobRun<StorageJobData>): Promise<string> {
    const id = job.data.resourceId;
    const events = await this.store.readStream(volumeStream(id));
    const state = await this.volumes.load(id);
    const request = [...events].reverse().find((e) => e.type === VolumeEvents.ExtendRequested);
    if (!state || state.status !== 'extending' || !request) return `skipped: volume is ${state?.status ?? 'unknown'}`;
    const newSize = (request.data as unknown as VolumeExtendRequested).newSize;
    let outcome;
    try {
      await this.storage.extendVolume(id, newSize);
      outcome = [{ type: VolumeEvents.Extended, data: { size: newSize, at: microsNow() } }];
    } catch (e) {
      if (e instanceof StorageError && !e.permanent && !job.isFinalAttempt) throw e;
      outcome = [{ type: VolumeEvents.ExtendFailed, data: { code: e instanceof StorageError ? e.code : 'VOLUME_EXTEND_FAILED', reason: String(e), at: microsNow() } }];
    }
    try {
      await this.store.append({ streamId: volumeStream(id), expectedVersion: state.version, events: stamp(outcome, outcomeMetadata(job)) });
    } catch (e) {
      if (!(e instanceof ConcurrencyError)) throw e;
    }
    return outcome[0]!.type;
  }
}
