import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Snapshot } from '../../domain/snapshot.aggregate.js';
import { SnapshotDecider } from '../snapshot-decider.js';
import { DeleteSnapshotCommand } from './delete-snapshot.command.js';

/** Marks the snapshot `deleting` (or `unmanaging`); the worker removes the data and records it gone. */
@CommandHandler(DeleteSnapshotCommand)
export class DeleteSnapshotHandler implements ICommandHandler<DeleteSnapshotCommand> {
  constructor(private readonly decider: SnapshotDecider) {}

  async execute({ snapshotId, mode, ctx }: DeleteSnapshotCommand): Promise<void> {
    await this.decider.decide(snapshotId, ctx, (s, at) => Snapshot.requestDeletion(s, mode, at));
  }
}
