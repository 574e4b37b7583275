import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError, EventStore, microsNow } from '#ember/event-store';
import { metadataFor, snapshotStream, stamp, volumeStream } from '#ember/kernel';
import { foldVolume, VolumeErrors, VolumeEvents, VolumeRepository } from '#ember/volumes';
import { foldSnapshot } from '../../domain/snapshot.aggregate.js';
import { SnapshotEvents } from '../../domain/snapshot.events.js';
import { RevertErrors } from './revert-volume.errors.js';
import { RevertVolumeCommand } from './revert-volume.command.js';

/**
 * Starts a revert: the volume becomes `reverting` and the snapshot `restoring` in one transaction on
 * both streams, each at the version decided on, so of two reverts at once one wins and the other gets
 * a conflict; the worker copies the snapshot back and makes both available again.
 */
@CommandHandler(RevertVolumeCommand)
export class RevertVolumeHandler implements ICommandHandler<RevertVolumeCommand> {

  constructor(
    private readonly volumes: VolumeRepository,
    private readonly store: EventStore,
  ) {}

  async execute({ volumeId, snapshotId, ctx }: RevertVolumeCommand): Promise<void> {
    const volume = await this.volumes.load(volumeId);
    if (!volume || volume.deleted || (!ctx.actor.isAdmin && volume.projectId !== ctx.actor.projectId)) {
      throw VolumeErrors.notFound(volumeId);
    }
    // The volume's row is held FOR UPDATE while the latest snapshot is decided and the revert recorded:
    // a snapshot being created holds it FOR SHARE, so it lands entirely before (and is then the latest,
    // so this revert is refused) or after (and is refused, the volume being `reverting`).
    await this.store.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM volumes WHERE id = $1 FOR UPDATE', [volumeId]);
      const { rows } = await tx.query<{ id: string; checksum: string | null }>(
        'SELECT id, checksum FROM snapshots WHERE volume_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1',
        [volumeId],
      );
      const latest = rows[0];
      if (!latest) throw RevertErrors.noSnapshots(volumeId);
      if (snapshotId !== latest.id) throw RevertErrors.notLatest(snapshotId, volumeId);
      const snapshot = foldSnapshot(await this.store.readStream(snapshotStream(latest.id), 0, tx))!;
      const current = foldVolume(await this.store.readStream(volumeStream(volumeId), 0, tx))!;
      if (current.size !== snapshot.size) throw RevertErrors.sizeMismatch(volumeId, current.size, snapshot.id, snapshot.size);
      if (current.status !== 'available' || snapshot.status !== 'available' || !latest.checksum) {
        throw RevertErrors.notAvailable(volumeId, snapshot.id);
      }
      const at = microsNow();
      const metadata = metadataFor(ctx, randomUUID());
      return this.store
        .appendIn(tx, [
          {
            streamId: volumeStream(volumeId),
            expectedVersion: current.version,
            events: stamp([{ type: VolumeEvents.RevertRequested, data: { snapshotId: snapshot.id, checksum: latest.checksum, at } }], metadata),
          },
          {
            streamId: snapshotStream(snapshot.id),
            expectedVersion: snapshot.version,
            events: stamp([{ type: SnapshotEvents.RestoreStarted, data: { volumeId, at } }], metadata),
          },
        ])
        .catch((e: unknown) => {
          // Someone else changed the volume or the snapshot first: Cinder's 409.
          throw e instanceof ConcurrencyError ? RevertErrors.notAvailable(volumeId, snapshot.id) : e;
        });
    });
  }
}
