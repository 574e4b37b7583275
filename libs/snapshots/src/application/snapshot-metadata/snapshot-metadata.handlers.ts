import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Snapshot } from '../../domain/snapshot.aggregate.js';
import { SnapshotDecider } from '../snapshot-decider.js';
import { DeleteSnapshotMetadataKeyCommand, WriteSnapshotMetadataCommand } from './snapshot-metadata.commands.js';

@CommandHandler(WriteSnapshotMetadataCommand)
export class WriteSnapshotMetadataHandler implements ICommandHandler<WriteSnapshotMetadataCommand, Record<string, string>> {
  constructor(private readonly decider: SnapshotDecider) {}

  async execute({ snapshotId, mode, metadata, ctx }: WriteSnapshotMetadataCommand): Promise<Record<string, string>> {
    let written: Record<string, string> = {};
    await this.decider.decide(snapshotId, ctx, (s, at) => {
      written = mode === 'merge' ? { ...s.metadata, ...metadata } : { ...metadata };
      return Snapshot.setMetadata(s, written, at);
    });
    return written;
  }
}

@CommandHandler(DeleteSnapshotMetadataKeyCommand)
export class DeleteSnapshotMetadataKeyHandler implements ICommandHandler<DeleteSnapshotMetadataKeyCommand> {
  constructor(private readonly decider: SnapshotDecider) {}

  async execute({ snapshotId, key, ctx }: DeleteSnapshotMetadataKeyCommand): Promise<void> {
    await this.decider.decide(snapshotId, ctx, (s, at) => Snapshot.removeMetadataKey(s, key, at));
  }
}
