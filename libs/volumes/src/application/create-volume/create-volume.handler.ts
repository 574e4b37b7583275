import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, microsNow } from '#ember/event-store';
import { metadataFor, stamp, volumeStream } from '#ember/kernel';
import { VolumeErrors } from '../../domain/volume.errors.js';
import { VolumeEvents, type VolumeRequested } from '../../domain/volume.events.js';
import { CreateVolumeCommand } from './create-volume.command.js';

export const DEFAULT_AVAILABILITY_ZONE = 'nova';
export const DEFAULT_VOLUME_TYPE = '__DEFAULT__';
/** Ember has one volume type so far; its id is fixed so every response names the same one. */
export const DEFAULT_VOLUME_TYPE_ID = '5fed9d7c-401d-46e2-8e80-f30c70cb7e1d';

@CommandHandler(CreateVolumeCommand)
export class CreateVolumeHandler implements ICommandHandler<CreateVolumeCommand, string> {
  constructor(private readonly store: EventStore) {}

  async execute({ input, ctx }: CreateVolumeCommand): Promise<string> {
    const source = input.source;
    const volumeId = randomUUID();
    const requested: VolumeRequested = {
      volumeId,
      projectId: ctx.actor.projectId,
      userId: ctx.actor.userId,
      name: input.name,
      description: input.description,
      metadata: input.metadata,
      size: input.size,
      availabilityZone: input.availabilityZone ?? DEFAULT_AVAILABILITY_ZONE,
      volumeType: input.volumeType ?? DEFAULT_VOLUME_TYPE,
      snapshotId: source && 'snapshotId' in source ? source.snapshotId : null,
      sourceVolid: source && 'sourceVolid' in source ? source.sourceVolid : null,
      ...(source && 'checksum' in source ? { sourceChecksum: source.checksum } : {}),
      at: microsNow(),
    };
    const events = stamp([{ type: VolumeEvents.Requested, data: { ...requested } }], metadataFor(ctx, volumeId));
    await this.store.transaction(async (tx) => {
      // The source's read-model row is held FOR SHARE so it cannot start being deleted under us; its
      // status is checked under that lock.
      if (source && 'snapshotId' in source) {
        const { rows } = await tx.query('SELECT status FROM snapshots WHERE id = $1 FOR SHARE', [source.snapshotId]);
        if (rows[0]?.status !== 'available') throw VolumeErrors.sourceSnapshotNotAvailable();
      } else if (source) {
        const { rows } = await tx.query('SELECT status FROM volumes WHERE id = $1 FOR SHARE', [source.sourceVolid]);
        if (!['available', 'in-use'].includes(rows[0]?.status)) throw VolumeErrors.sourceVolumeNotAvailable();
      }
      return this.store.appendIn(tx, [{ streamId: volumeStream(volumeId), expectedVersion: 'no_stream', events }]);
    });
    return volumeId;
  }
}
