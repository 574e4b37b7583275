import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, microsNow } from '#ember/event-store';
import { metadataFor, snapshotStream, stamp } from '#ember/kernel';
import { VolumeErrors, VolumeRepository } from '#ember/volumes';
import { Snapshot } from '../../domain/snapshot.aggregate.js';
import { CreateSnapshotCommand } from './create-snapshot.command.js';

/** Creates a snapshot of a volume (or, with `manageRef`, adopts existing backend data as one). */
@CommandHandler(CreateSnapshotCommand)
export class CreateSnapshotHandler implements ICommandHandler<CreateSnapshotCommand, string> {

  constructor(
    private readonly volumes: VolumeRepository,
    private readonly store: EventStore,
  ) {}

  async execute({ input, ctx }: CreateSnapshotCommand): Promise<string> {
    const volume = await this.volumes.load(input.volumeId);
    if (!volume || volume.deleted || (!ctx.actor.isAdmin && volume.projectId !== ctx.actor.projectId)) {
      throw VolumeErrors.notFound(input.volumeId);
    }
    const snapshotId = randomUUID();
    // The caller owns the snapshot, even an admin snapshotting another project's volume (as Cinder).
    const request = { ...input, snapshotId, projectId: ctx.actor.projectId, userId: ctx.actor.userId };
    const at = microsNow();
    const decided = Snapshot.request(volume, request, at);
    await this.store.transaction(async (tx) => {
      // Cinder re-reads the volume after inserting the snapshot. Here the volume's row is held FOR SHARE,
      // which orders us with a concurrent volume delete (FOR UPDATE), and its status is decided on again.
      const { rows } = await tx.query<{ status: string }>('SELECT status FROM volumes WHERE id = $1 FOR SHARE', [volume.id]);
      Snapshot.request({ ...volume, status: rows[0]?.status ?? 'deleted' }, request, at);
      const stream = { streamId: snapshotStream(snapshotId), expectedVersion: 'no_stream' as const };
      return this.store.appendIn(tx, [{ ...stream, events: stamp(decided, metadataFor(ctx, snapshotId)) }]);
    });
    return snapshotId;
  }
}
