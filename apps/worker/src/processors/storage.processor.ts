import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { EmberConfig } from '#ember/config';
import { STORAGE_QUEUE, StorageJobNames, type StorageJobData } from '#ember/jobs';
import { instanceId } from '#ember/kernel';
import { AllocateVolumeJob } from './allocate-volume.job.js';
import { CreateSnapshotJob } from './create-snapshot.job.js';
import { DeleteSnapshotJob } from './delete-snapshot.job.js';
import { DeleteVolumeJob } from './delete-volume.job.js';
import { ExtendVolumeJob } from './extend-volume.job.js';
import { RevertVolumeJob } from './revert-volume.job.js';

/** The BullMQ worker of the storage queue: routes each job by name to its handler. */
@Injectable()
export class StorageProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StorageProcessor.name);
  private worker: Worker | null = null;

  constructor(
    private readonly config: EmberConfig,
    private readonly createSnapshot: CreateSnapshotJob,
    private readonly allocateVolume: AllocateVolumeJob,
    private readonly deleteSnapshot: DeleteSnapshotJob,
    private readonly extendVolume: ExtendVolumeJob,
    private readonly deleteVolume: DeleteVolumeJob,
    private readonly revertVolume: RevertVolumeJob,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<StorageJobData, string>(STORAGE_QUEUE, (job) => this.process(job), {
      connection: { url: this.config.redisUrl, maxRetriesPerRequest: null },
      prefix: this.config.queuePrefix,
      concurrency: this.config.workerConcurrency,
      // Recorded on every job it takes (BullMQ's processedBy) and on its Redis connections.
      name: instanceId(),
    });
    this.worker.on('failed', (job, err) =>
      this.logger.warn(`job ${job?.name} ${job?.id} attempt ${job?.attemptsMade} failed: ${err.message}`),
    );
    this.worker.on('error', (err) => this.logger.error(`queue error: ${err.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    // Lets running jobs finish; a job cut off by a hard kill is re-delivered and is retry-safe.
    await this.worker?.close();
  }

  private async process(job: Job<StorageJobData, string>): Promise<string> {
    const run = { id: job.id, data: job.data, isFinalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) };
    switch (job.name) {
      case StorageJobNames.CreateSnapshot:
        return this.createSnapshot.run(run);
      case StorageJobNames.AllocateVolume:
        return this.allocateVolume.run(run);
      case StorageJobNames.DeleteSnapshot:
        return this.deleteSnapshot.run(run);
      case StorageJobNames.ExtendVolume:
        return this.extendVolume.run(run);
      case StorageJobNames.DeleteVolume:
        return this.deleteVolume.run(run);
      case StorageJobNames.RevertVolume:
        return this.revertVolume.run(run);
      default:
        throw new Error(`unknown storage job ${job.name}`);
    }
  }
}
