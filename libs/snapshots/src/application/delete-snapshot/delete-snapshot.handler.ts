import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { JOB_SCHEDULER, jobsFor, type JobScheduler } from '#ember/jobs';
import { Snapshot } from '../../domain/snapshot.aggregate.js';
import { SnapshotDecider } from '../snapshot-decider.js';
import { DeleteSnapshotCommand } from './delete-snapshot.command.js';

/** Marks the snapshot `deleting` (or `unmanaging`); the worker removes the data and records it gone. */
@CommandHandler(DeleteSnapshotCommand)
export class DeleteSnapshotHandler implements ICommandHandler<DeleteSnapshotCommand> {
  private readonly logger = new Logger(DeleteSnapshotHandler.name);

  constructor(
    private readonly decider: SnapshotDecider,
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
  ) {}

  async execute({ snapshotId, mode, ctx }: DeleteSnapshotCommand): Promise<void> {
    const { result } = await this.decider.decide(snapshotId, ctx, (s, at) => Snapshot.requestDeletion(s, mode, at));
    await this.jobs.schedule(jobsFor(result.events)).catch((e) => this.logger.warn(`enqueue deferred to dispatcher: ${e}`));
  }
}
