import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConcurrencyError, EventStore, microsNow } from '#ember/event-store';
import type { StorageJobData } from '#ember/jobs';
import { snapshotStream, stamp, volumeStream } from '#ember/kernel';
import { STORAGE_BACKEND } from '#ember/platform';
import { SnapshotEvents, SnapshotRepository } from '#ember/snapshots';
import { StorageError, type StorageBackend } from '#ember/storage';
import { VolumeEvents, VolumeRepository, type VolumeRevertRequested } from '#ember/volumes';
import type { JobRun } from './job-run.js';
import { outcomeMetadata } from './outcome-metadata.js';

/**
 * Copies a snapshot back over its volume (verifying the snapshot's checksum before and after), then
 * makes the volume and the snapshot available again in one transaction. Retry-safe: the volume image
 * is replaced atomically and only a `reverting` volume is acted on.
 */
@Injectable()
export class RevertVolumeJob {
  private readonly logger = new Logger(RevertVolumeJob.name);

  constructor(
    private readonly volumes: VolumeRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly store: EventStore,
    @Inject(STORAGE_BACKEND) private readonly storage: StorageBackend,
  ) {}

  async run(job: JobRun<StorageJobData>): Promise<string> {
    const id = job.data.resourceId;
    const volume = await this.volumes.load(id);
    const request = (await this.store.readStream(volumeStream(id))).findLast((e) => e.type === VolumeEvents.RevertRequested);
    if (!volume || volume.status !== 'reverting' || !request) return `skipped: volume is ${volume?.status ?? 'unknown'}`;
    const { snapshotId, checksum } = request.data as unknown as VolumeRevertRequested;
    let volumeOutcome;
    try {
      await this.storage.populateVolume({ snapshotId }, id, volume.size, { expectedChecksum: checksum });
      volumeOutcome = { type: VolumeEvents.Reverted, data: { snapshotId, at: microsNow() } };
    } catch (e) {
      if (e instanceof StorageError && !e.permanent && !job.isFinalAttempt) throw e;
      this.logger.error(`revert of volume ${id} to snapshot ${snapshotId} failed: ${(e as Error).message}`);
      volumeOutcome = { type: VolumeEvents.RevertFailed, data: { code: e instanceof StorageError ? e.code : 'REVERT_FAILED', reason: String(e), at: microsNow() } };
    }
    const snapshot = await this.snapshots.load(snapshotId);
    const metadata = outcomeMetadata(job);
    try {
      await this.store.append([
        { streamId: volumeStream(id), expectedVersion: volume.version, events: stamp([volumeOutcome], metadata) },
        ...(snapshot && snapshot.status === 'restoring'
          ? [{ streamId: snapshotStream(snapshotId), expectedVersion: snapshot.version, events: stamp([{ type: SnapshotEvents.RestoreFinished, data: { at: microsNow() } }], metadata) }]
          : []),
      ]);
    } catch (e) {
      if (!(e instanceof ConcurrencyError)) throw e;
    }
    return volumeOutcome.type;
  }
}
