import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EmberConfig } from '#ember/config';
import { CheckpointedSubscription, EventListener, EventStore } from '#ember/event-store';
import { JOB_SCHEDULER, jobsFor, type JobScheduler } from '#ember/jobs';

export const DISPATCHER_CHECKPOINT = 'dispatcher';

/**
 * Turns committed events that request work into BullMQ jobs, from the event log: a crash between
 * the API's commit and its own enqueue loses nothing. Job ids come from event ids, so the API's
 * fast-path enqueue and this one collapse into one job. One replica leads at a time (see
 * CheckpointedSubscription); the checkpoint moves only after the jobs are in Redis.
 */
@Injectable()
export class DispatcherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DispatcherService.name);
  private readonly listener: EventListener;
  readonly subscription: CheckpointedSubscription;

  constructor(
    config: EmberConfig,
    store: EventStore,
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
  ) {
    this.listener = new EventListener(config.databaseUrl);
    this.subscription = new CheckpointedSubscription(
      store,
      {
        name: DISPATCHER_CHECKPOINT,
        batchSize: 500,
        handle: (events) => this.jobs.schedule(jobsFor(events)),
        onError: (e) => this.logger.warn(`dispatch batch failed, will retry: ${(e as Error).message}`),
      },
      this.listener,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
    this.subscription.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription.stop();
    await this.listener.stop();
  }
}
