import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Volume } from '../../domain/volume.aggregate.js';
import { VolumeErrors } from '../../domain/volume.errors.js';
import { VolumeDecider } from '../volume-decider.js';
import {
  ExtendVolumeCommand,
  ResetVolumeStatusCommand,
  UpdateVolumeCommand,
  VolumeHandshakeCommand,
  WriteVolumeMetadataCommand,
} from './volume.commands.js';

@CommandHandler(UpdateVolumeCommand)
export class UpdateVolumeHandler implements ICommandHandler<UpdateVolumeCommand> {
  constructor(private readonly decider: VolumeDecider) {}

  async execute({ volumeId, change, ctx }: UpdateVolumeCommand): Promise<void> {
    await this.decider.decide(volumeId, ctx, (s, at) => Volume.update(s, change, at));
  }
}

@CommandHandler(WriteVolumeMetadataCommand)
export class WriteVolumeMetadataHandler implements ICommandHandler<WriteVolumeMetadataCommand, Record<string, string>> {
  constructor(private readonly decider: VolumeDecider) {}

  async execute({ volumeId, mode, metadata, ctx }: WriteVolumeMetadataCommand): Promise<Record<string, string>> {
    let written: Record<string, string> = {};
    await this.decider.decide(volumeId, ctx, (s, at) => {
      if (typeof mode === 'object') {
        if (!Object.hasOwn(s.metadata, mode.remove)) throw VolumeErrors.metadataKeyNotFound(volumeId, mode.remove);
        const { [mode.remove]: _gone, ...rest } = s.metadata;
        written = rest;
      } else {
        written = mode === 'merge' ? { ...s.metadata, ...metadata } : { ...metadata };
      }
      return Volume.setMetadata(s, written, at);
    });
    return written;
  }
}

@CommandHandler(ResetVolumeStatusCommand)
export class ResetVolumeStatusHandler implements ICommandHandler<ResetVolumeStatusCommand> {
  constructor(private readonly decider: VolumeDecider) {}

  async execute({ volumeId, reset, ctx }: ResetVolumeStatusCommand): Promise<void> {
    await this.decider.decide(volumeId, ctx, (s, at) => Volume.resetStatus(s, reset, at));
  }
}

@CommandHandler(ExtendVolumeCommand)
export class ExtendVolumeHandler implements ICommandHandler<ExtendVolumeCommand> {
  constructor(private readonly decider: VolumeDecider) {}

  async execute({ volumeId, newSize, allowInUse, ctx }: ExtendVolumeCommand): Promise<void> {
    await this.decider.decide(volumeId, ctx, (s, at) => Volume.extend(s, newSize, allowInUse, at));
  }
}

@CommandHandler(VolumeHandshakeCommand)
export class VolumeHandshakeHandler implements ICommandHandler<VolumeHandshakeCommand> {
  constructor(private readonly decider: VolumeDecider) {}

  async execute({ volumeId, step, ctx }: VolumeHandshakeCommand): Promise<void> {
    await this.decider.decide(volumeId, ctx, (s, at) => Volume[step](s, at));
  }
}
