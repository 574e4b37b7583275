import { randomUUID } from 'node:crypto';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, microsNow } from '#ember/event-store';
import { JOB_SCHEDULER, jobsFor, type JobScheduler } from '#ember/jobs';
import { metadataFor, snapshotStream, stamp, volumeStream } from '#ember/kernel';
import { VolumeErrors, VolumeEvents, VolumeRepository } from '#ember/volumes';
import { SnapshotEvents } from '../../domain/snapshot.events.js';
import { SnapshotRepository } from '../snapshot.repository.js';
import { RevertErrors } from './revert-volume.errors.js';
import { RevertVolumeCommand } from './revert-volume.command.js';

/**
 * Starts a revert: the volume becomes `reverting` and the snapshot `restoring` in one transaction on
 * both streams, each at the version decided on, so of two reverts at once one wins and the other gets
 * a conflict; the worker copies the snapshot back and makes both available again.
 */
@CommandHandler(RevertVolumeCommand)
export class RevertVolumeHandler implements ICommandHandler<RevertVolumeCommand> {
  private readonly logger = new Logger(RevertVolumeHandler.name);

  constructor(
    private readonly volumes: VolumeRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly store: EventStore,
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
  ) {}

  async execute({ volumeId, snapshotId, ctx }: RevertVolumeCommand): Promise<void> {
    const volume = await this.volumes.load(volumeId);
    if (!volume || volume.deleted || (!ctx.actor.isAdmin && volume.projectId !== ctx.actor.projectId)) {
      throw VolumeErrors.notFound(volumeId);
    }
    const { rows } = await this.store.transaction((tx) =>
      tx.query<{ id: string; checksum: string | null }>(
        'SELECT id, checksum FROM snapshots WHERE volume_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1',
        [volumeId],
      ),
    );
    const latest = rows[0];
    if (!latest) throw RevertErrors.noSnapshots(volumeId);
    if (snapshotId !== latest.id) throw RevertErrors.notLatest(snapshotId, volumeId);
    const snapshot = (await this.snapshots.load(latest.id))!;
    if (volume.size !== snapshot.size) throw RevertErrors.sizeMismatch(volumeId, volume.size, snapshot.id, snapshot.size);
    if (volume.status !== 'available' || snapshot.status !== 'available' || !latest.checksum) {
      throw RevertErrors.notAvailable(volumeId, snapshot.id);
    }
    const at = microsNow();
    const metadata = metadataFor(ctx, randomUUID());
    const { events } = await this.store
      .append([
        {
          streamId: volumeStream(volumeId),
          expectedVersion: volume.version,
          events: stamp([{ type: VolumeEvents.RevertRequested, data: { snapshotId: snapshot.id, checksum: latest.checksum, at } }], metadata),
        },
        {
          streamId: snapshotStream(snapshot.id),
          expectedVersion: snapshot.version,
          events: stamp([{ type: SnapshotEvents.RestoreStarted, data: { volumeId, at } }], metadata),
        },
      ])
      .catch((e: unknown) => {
        // Someone else changed the volume or the snapshot first (e.g. another revert): Cinder's 409.
        throw (e as { code?: string }).code === 'EVENT_STORE_CONCURRENCY' ? RevertErrors.notAvailable(volumeId, snapshot.id) : e;
      });
    await this.jobs.schedule(jobsFor(events)).catch((e) => this.logger.warn(`enqueue deferred to dispatcher: ${e}`));
  }
}
