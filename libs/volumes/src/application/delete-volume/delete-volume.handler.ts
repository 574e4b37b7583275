import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, microsNow, type AppendToStream } from '#ember/event-store';
import { metadataFor, snapshotStream, stamp, volumeStream } from '#ember/kernel';
import { foldVolume, Volume } from '../../domain/volume.aggregate.js';
import { VolumeErrors } from '../../domain/volume.errors.js';
import { DeleteVolumeCommand } from './delete-volume.command.js';

/** The snapshot event a cascade appends (the snapshots lib depends on volumes, not the reverse). */
const SNAPSHOT_DELETION_REQUESTED = 'snapshot.deletion_requested.v1';

/**
 * Deletes a volume, and with `cascade` its snapshots first, in one transaction that holds the volume's
 * read-model row FOR UPDATE: a snapshot being created takes that row FOR SHARE in its own append, so
 * the two are ordered and neither leaves an orphan (the delete sees the new snapshot, or the create
 * sees `deleting`).
 */
@CommandHandler(DeleteVolumeCommand)
export class DeleteVolumeHandler implements ICommandHandler<DeleteVolumeCommand> {
  constructor(private readonly store: EventStore) {}

  async execute({ volumeId, mode, ctx }: DeleteVolumeCommand): Promise<void> {
    await this.store.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM volumes WHERE id = $1 FOR UPDATE', [volumeId]);
      const state = foldVolume(await this.store.readStream(volumeStream(volumeId), 0, tx));
      if (!state || state.deleted || (!ctx.actor.isAdmin && state.projectId !== ctx.actor.projectId)) {
        throw VolumeErrors.notFound(volumeId);
      }
      const { rows: snapshots } = await tx.query<{ id: string; status: string; version: number }>(
        'SELECT id, status, version FROM snapshots WHERE volume_id = $1',
        [volumeId],
      );
      const at = microsNow();
      const metadata = metadataFor(ctx, randomUUID());
      const streams: AppendToStream[] = [
        { streamId: volumeStream(volumeId), expectedVersion: state.version, events: stamp(Volume.requestDeletion(state, mode, snapshots, at), metadata) },
        ...snapshots
          .filter((s) => s.status !== 'deleting')
          .map((s) => ({
            streamId: snapshotStream(s.id),
            expectedVersion: s.version,
            events: stamp([{ type: SNAPSHOT_DELETION_REQUESTED, data: { force: false, unmanage: false, at } }], metadata),
          })),
      ];
      return this.store.appendIn(tx, streams);
    });
  }
}
