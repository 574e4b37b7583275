import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, microsNow } from '#ember/event-store';
import { metadataFor, snapshotStream, stamp } from '#ember/kernel';
import { VolumeErrors, VolumeRepository } from '#ember/volumes';
import { Snapshot } from '../../domain/snapshot.aggregate.js';
import type { SnapshotRequested } from '../../domain/snapshot.events.js';
import { snapshotRowOf } from '../../infrastructure/snapshot.projection.js';
import type { SnapshotEntity } from '../../infrastructure/snapshot.entity.js';
import { CreateSnapshotCommand } from './create-snapshot.command.js';

/**
 * Creates a snapshot of a volume (or, with `manageRef`, adopts existing backend data as one). One
 * transaction: the volume's state with its row held FOR SHARE (one statement), the decision, the event
 * (one statement: a new stream), its guards and projections. Answers the new snapshot's read-model row
 * as the projection wrote it, so the API needs no read after the write.
 */
@CommandHandler(CreateSnapshotCommand)
export class CreateSnapshotHandler implements ICommandHandler<CreateSnapshotCommand, SnapshotEntity> {
  constructor(
    private readonly volumes: VolumeRepository,
    private readonly store: EventStore,
  ) {}

  async execute({ input, ctx, admit }: CreateSnapshotCommand): Promise<SnapshotEntity> {
    const snapshotId = randomUUID();
    const at = microsNow();
    return this.store.transaction(async (tx) => {
      const volume = await this.volumes.loadShared(tx, input.volumeId);
      if (!volume || volume.deleted || (!ctx.actor.isAdmin && volume.projectId !== ctx.actor.projectId)) {
        throw VolumeErrors.notFound(input.volumeId);
      }
      // The caller owns the snapshot, even an admin snapshotting another project's volume (as Cinder).
      const request = { ...input, ...admit?.(volume.projectId), snapshotId, projectId: ctx.actor.projectId, userId: ctx.actor.userId };
      const decided = stamp(Snapshot.request(volume, request, at), metadataFor(ctx, snapshotId));
      const { events } = await this.store.appendIn(tx, [{ streamId: snapshotStream(snapshotId), expectedVersion: 'no_stream', events: decided }]);
      const requested = events[0]!;
      return snapshotRowOf(snapshotId, requested.data as unknown as SnapshotRequested, requested.streamVersion);
    });
  }
}
