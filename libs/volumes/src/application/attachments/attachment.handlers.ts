import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Volume } from '../../domain/volume.aggregate.js';
import { VolumeDecider } from '../volume-decider.js';
import { AdvanceAttachmentCommand, CreateAttachmentCommand } from './attachment.commands.js';

@CommandHandler(CreateAttachmentCommand)
export class CreateAttachmentHandler implements ICommandHandler<CreateAttachmentCommand, string> {
  constructor(private readonly decider: VolumeDecider) {}

  async execute({ volumeId, attachment, ctx }: CreateAttachmentCommand): Promise<string> {
    const attachmentId = randomUUID();
    await this.decider.decide(volumeId, ctx, (s, at) => Volume.reserveAttachment(s, { attachmentId, ...attachment }, at));
    return attachmentId;
  }
}

@CommandHandler(AdvanceAttachmentCommand)
export class AdvanceAttachmentHandler implements ICommandHandler<AdvanceAttachmentCommand> {
  constructor(private readonly decider: VolumeDecider) {}

  async execute({ volumeId, attachmentId, step, ctx }: AdvanceAttachmentCommand): Promise<void> {
    await this.decider.decide(volumeId, ctx, (s, at) =>
      step === 'complete' ? Volume.completeAttachment(s, attachmentId, at) : Volume.connectAttachment(s, attachmentId, step.connector, at),
    );
  }
}
