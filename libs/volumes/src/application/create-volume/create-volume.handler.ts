import { randomUUID } from 'node:crypto';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, microsNow } from '#ember/event-store';
import { JOB_SCHEDULER, jobsFor, type JobScheduler } from '#ember/jobs';
import { metadataFor, stamp, volumeStream } from '#ember/kernel';
import { VolumeEvents, type VolumeRequested } from '../../domain/volume.events.js';
import { CreateVolumeCommand } from './create-volume.command.js';

export const DEFAULT_AVAILABILITY_ZONE = 'nova';
export const DEFAULT_VOLUME_TYPE = '__DEFAULT__';
/** Ember has one volume type so far; its id is fixed so every response names the same one. */
export const DEFAULT_VOLUME_TYPE_ID = '5fed9d7c-401d-46e2-8e80-f30c70cb7e1d';

@CommandHandler(CreateVolumeCommand)
export class CreateVolumeHandler implements ICommandHandler<CreateVolumeCommand, string> {
  private readonly logger = new Logger(CreateVolumeHandler.name);

  constructor(
    private readonly store: EventStore,
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
  ) {}

  async execute({ input, ctx }: CreateVolumeCommand): Promise<string> {
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
      snapshotId: null,
      sourceVolid: null,
      at: microsNow(),
    };
    const events = stamp([{ type: VolumeEvents.Requested, data: { ...requested } }], metadataFor(ctx, volumeId));
    const { events: recorded } = await this.store.append({
      streamId: volumeStream(volumeId),
      expectedVersion: 'no_stream',
      events,
    });
    // Fast path; the dispatcher enqueues the same job id from the log if this is lost.
    await this.jobs.schedule(jobsFor(recorded)).catch((e) => this.logger.warn(`enqueue deferred to dispatcher: ${e}`));
    return volumeId;
  }
}
