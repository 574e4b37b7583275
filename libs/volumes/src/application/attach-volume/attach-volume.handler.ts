import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, microsNow } from '#ember/event-store';
import { metadataFor, stamp, volumeStream, type CommandContext } from '#ember/kernel';
import { Volume, type VolumeState } from '../../domain/volume.aggregate.js';
import { VolumeErrors } from '../../domain/volume.errors.js';
import { VolumeRepository } from '../volume.repository.js';
import { AttachVolumeCommand, DetachVolumeCommand } from './attach-volume.command.js';

/** Loads the volume the caller may see, decides, appends at the version it decided on. */
async function decide(
  repo: VolumeRepository,
  store: EventStore,
  volumeId: string,
  ctx: CommandContext,
  decision: (state: VolumeState, at: string) => ReturnType<typeof Volume.attach>,
): Promise<void> {
  const state = await repo.load(volumeId);
  if (!state || (!ctx.actor.isAdmin && state.projectId !== ctx.actor.projectId)) throw VolumeErrors.notFound(volumeId);
  const events = stamp(decision(state, microsNow()), metadataFor(ctx, randomUUID()));
  await store.append({ streamId: volumeStream(volumeId), expectedVersion: state.version, events });
}

@CommandHandler(AttachVolumeCommand)
export class AttachVolumeHandler implements ICommandHandler<AttachVolumeCommand> {
  constructor(
    private readonly repo: VolumeRepository,
    private readonly store: EventStore,
  ) {}

  async execute({ volumeId, attachment, ctx }: AttachVolumeCommand): Promise<void> {
    await decide(this.repo, this.store, volumeId, ctx, (state, at) =>
      Volume.attach(state, { attachmentId: randomUUID(), ...attachment }, at),
    );
  }
}

@CommandHandler(DetachVolumeCommand)
export class DetachVolumeHandler implements ICommandHandler<DetachVolumeCommand> {
  constructor(
    private readonly repo: VolumeRepository,
    private readonly store: EventStore,
  ) {}

  async execute({ volumeId, attachmentId, ctx }: DetachVolumeCommand): Promise<void> {
    await decide(this.repo, this.store, volumeId, ctx, (state, at) => Volume.detach(state, attachmentId, at));
  }
}
