import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConcurrencyError, EventStore, microsNow } from '#ember/event-store';
import type { StorageJobData } from '#ember/jobs';
import { snapshotStream, stamp } from '#ember/kernel';
import { Snapshot, SnapshotRepository, type SnapshotState } from '#ember/snapshots';
import { StorageError, type StorageBackend } from '#ember/storage';
import { STORAGE_BACKEND } from '#ember/platform';
import { outcomeMetadata } from './outcome-metadata.js';
import type { JobRun } from './job-run.js';

/** At most one progress event per this interval: progress is a fact worth keeping, not a firehose. */
const PROGRESS_EVERY_MS = 1000;

/**
 * Copies the volume into the snapshot and records the outcome. Retry-safe: a snapshot that is no
 * longer `creating` is skipped, the copy replaces any earlier partial attempt, and every append
 * carries the expected version it was decided on.
 */
@Injectable()
export class CreateSnapshotJob {
  private readonly logger = new Logger(CreateSnapshotJob.name);

  constructor(
    private readonly snapshots: SnapshotRepository,
    private readonly store: EventStore,
    @Inject(STORAGE_BACKEND) private readonly storage: StorageBackend,
  ) {}

  async run(job: JobRun<StorageJobData>): Promise<string> {
    const id = job.data.resourceId;
    let state = await this.snapshots.load(id);
    if (!state || state.status !== 'creating') return `skipped: snapshot is ${state?.status ?? 'unknown'}`;
    const metadata = outcomeMetadata(job);
    const progress = new ProgressRecorder(this.store, state, metadata);
    try {
      const result = state.manageRef
        ? await this.storage.manageSnapshot(state.manageRef, id)
        : await this.storage.createSnapshot(state.volumeId, id, { onProgress: (done, total) => progress.report(done, total) });
      state = await progress.settle();
      const recorded = await this.record(id, state, (s) => Snapshot.completed(s, result, microsNow()), metadata);
      if (!recorded) {
        // Deleted (or reset) while we copied: the delete job may already have run, so the copy we
        // just put in place would be an orphan.
        const now = await this.snapshots.load(id);
        if (!now || now.deleted || now.status === 'deleting') await this.storage.deleteSnapshot(id);
        return `discarded: snapshot is ${now?.status ?? 'unknown'}`;
      }
      return `available: ${result.bytes} bytes, ${result.allocatedBytes} allocated`;
    } catch (e) {
      await progress.settle();
      const permanent = !(e instanceof StorageError) || e.permanent || job.isFinalAttempt;
      if (!permanent) throw e;
      const code = e instanceof StorageError ? e.code : 'SNAPSHOT_COPY_FAILED';
      this.logger.error(`snapshot ${id} failed permanently: ${(e as Error).message}`);
      await this.record(id, await this.snapshots.load(id), (s) => Snapshot.failed(s, code, String((e as Error).message), microsNow()), metadata);
      return `error: ${code}`;
    }
  }

  /**
   * Appends what `decide` says at the version it saw; on a race, reloads and decides again.
   * False when there was nothing left to record (the snapshot is no longer `creating`).
   */
  private async record(
    id: string,
    state: SnapshotState | null,
    decide: (s: SnapshotState) => ReturnType<typeof Snapshot.completed>,
    metadata: ReturnType<typeof outcomeMetadata>,
  ): Promise<boolean> {
    for (let attempt = 0; state && attempt < 5; attempt++) {
      const events = decide(state);
      if (events.length === 0) return false;
      try {
        await this.store.append({ streamId: snapshotStream(id), expectedVersion: state.version, events: stamp(events, metadata) });
        return true;
      } catch (e) {
        if (!(e instanceof ConcurrencyError)) throw e;
        state = await this.snapshots.load(id);
      }
    }
    return false;
  }
}

/** Turns copy progress into throttled `SnapshotProgressed` events, appended one after another. */
class ProgressRecorder {
  private chain: Promise<void> = Promise.resolve();
  private lastAt = Date.now();

  constructor(
    private readonly store: EventStore,
    private state: SnapshotState,
    private readonly metadata: ReturnType<typeof outcomeMetadata>,
  ) {}

  report(done: number, total: number): void {
    const now = Date.now();
    if (done >= total || now - this.lastAt < PROGRESS_EVERY_MS) return;
    this.lastAt = now;
    const percent = `${Math.floor((done / total) * 100)}%`;
    this.chain = this.chain.then(() => this.append(percent));
  }

  /** Waits for pending progress appends; returns the state to decide the outcome on. */
  async settle(): Promise<SnapshotState> {
    await this.chain;
    return this.state;
  }

  private async append(percent: string): Promise<void> {
    const events = Snapshot.progressed(this.state, percent, microsNow());
    if (events.length === 0) return;
    try {
      const r = await this.store.append({
        streamId: snapshotStream(this.state.id),
        expectedVersion: this.state.version,
        events: stamp(events, this.metadata),
      });
      this.state = { ...this.state, progress: percent, version: r.versions[snapshotStream(this.state.id)]! };
    } catch {
      // Progress is best effort; the outcome append re-checks the stream.
    }
  }
}
