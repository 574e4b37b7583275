import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Snapshot } from '../../domain/snapshot.aggregate.js';
import { SnapshotDecider } from '../snapshot-decider.js';
import { UpdateSnapshotCommand } from './update-snapshot.command.js';

@CommandHandler(UpdateSnapshotCommand)
export class UpdateSnapshotHandler implements ICommandHandler<UpdateSnapshotCommand> {
  constructor(private readonly decider: SnapshotDecider) {}

  async execute({ snapshotId, change, ctx }: UpdateSnapshotCommand): Promise<void> {
    await this.decider.decide(snapshotId, ctx, (s, at) => Snapshot.update(s, change, at));
  }
}
