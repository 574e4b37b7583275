import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConcurrencyError, EventStore, microsNow } from '#ember/event-store';
import type { StorageJobData } from '#ember/jobs';
import { snapshotStream, stamp } from '#ember/kernel';
import { Snapshot, SnapshotRepository } from '#ember/snapshots';
import { StorageError, type StorageBackend } from '#ember/storage';
import { STORAGE_BACKEND } from '#ember/platform';
import type { JobRun } from './job-run.js';
import { outcomeMetadata } from './outcome-metadata.js';

/**
 * Removes a snapshot's data (or, unmanaging, leaves it for an operator to manage again) and records
 * it gone. Retry-safe: deleting missing data is fine, and only a `deleting`/`unmanaging` snapshot
 * is acted on.
 */
@Injectable()
export class DeleteSnapshotJob {
  private readonly logger = new Logger(DeleteSnapshotJob.name);

  constructor(
    private readonly snapshots: SnapshotRepository,
    private readonly store: EventStore,
    @Inject(STORAGE_BACKEND) private readonly storage: StorageBackend,
  ) {}

  async run(job: JobRun<StorageJobData>): Promise<string> {
    const id = job.data.resourceId;
    const state = await this.snapshots.load(id);
    if (!state || (state.status !== 'deleting' && state.status !== 'unmanaging')) {
      return `skipped: snapshot is ${state?.status ?? 'unknown'}`;
    }
    let events;
    try {
      if (state.status === 'deleting') await this.storage.deleteSnapshot(id);
      events = Snapshot.deleted(state, microsNow());
    } catch (e) {
      if (e instanceof StorageError && !e.permanent && !job.isFinalAttempt) throw e;
      this.logger.error(`snapshot ${id} could not be deleted: ${(e as Error).message}`);
      events = Snapshot.deletionFailed(state, e instanceof StorageError ? e.code : 'SNAPSHOT_DELETE_FAILED', String(e), microsNow());
    }
    try {
      await this.store.append({ streamId: snapshotStream(id), expectedVersion: state.version, events: stamp(events, outcomeMetadata(job)) });
    } catch (e) {
      if (!(e instanceof ConcurrencyError)) throw e;
      return 'skipped: the snapshot changed meanwhile';
    }
    return events[0]?.type ?? 'nothing to record';
  }
}
