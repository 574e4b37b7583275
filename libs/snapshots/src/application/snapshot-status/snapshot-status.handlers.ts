import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Snapshot } from '../../domain/snapshot.aggregate.js';
import { SnapshotDecider } from '../snapshot-decider.js';
import { ResetSnapshotStatusCommand, UpdateSnapshotStatusCommand } from './snapshot-status.commands.js';

@CommandHandler(ResetSnapshotStatusCommand)
export class ResetSnapshotStatusHandler implements ICommandHandler<ResetSnapshotStatusCommand> {
  constructor(private readonly decider: SnapshotDecider) {}

  async execute({ snapshotId, status, ctx }: ResetSnapshotStatusCommand): Promise<void> {
    await this.decider.decide(snapshotId, ctx, (s, at) => Snapshot.resetStatus(s, status, at));
  }
}

@CommandHandler(UpdateSnapshotStatusCommand)
export class UpdateSnapshotStatusHandler implements ICommandHandler<UpdateSnapshotStatusCommand> {
  constructor(private readonly decider: SnapshotDecider) {}

  async execute({ snapshotId, status, progress, ctx }: UpdateSnapshotStatusCommand): Promise<void> {
    await this.decider.decide(snapshotId, ctx, (s, at) => Snapshot.updateStatus(s, status, progress, at));
  }
}
