import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EmberConfig } from '#ember/config';
import { CheckpointedSubscription, EventListener, EventStore } from '#ember/event-store';
import { JOB_SCHEDULER, jobsFor, type JobScheduler } from '#ember/jobs';
import { instanceId } from '#ember/kernel';
import { LeaderLease } from './leader-lease.js';

export const DISPATCHER_CHECKPOINT = 'dispatcher';

/**
 * Turns committed events that request work into BullMQ jobs, from the event log: a crash between
 * a commit and the enqueue loses nothing. Writers don't enqueue themselves: they wake this reader after
 * their commit (AppendNotifier). Job ids come from event ids, so a batch re-read after a crash collapses
 * into the jobs already queued. One replica leads at a time (see
 * CheckpointedSubscription); the checkpoint moves only after the jobs are in Redis.
 *
 * With several worker replicas, only the holder of the `ember:dispatcher` lease (LeaderLease) runs the
 * subscription; the others wait in Postgres and take over as soon as its session ends. Without the
 * lease every replica would contend for the checkpoint row on every batch.
 */
@Injectable()
export class DispatcherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DispatcherService.name);
  private readonly listener: EventListener;
  private readonly lease: LeaderLease;
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
    this.lease = new LeaderLease({
      databaseUrl: config.databaseUrl,
      name: 'ember:dispatcher',
      // Which replica leads: SELECT application_name FROM pg_locks JOIN pg_stat_activity USING (pid)
      //   WHERE locktype = 'advisory' AND granted AND application_name LIKE 'ember-dispatcher %'
      applicationName: `ember-dispatcher ${instanceId()}`,
      onAcquired: () => {
        this.logger.log('leading the dispatcher');
        this.subscription.start();
      },
      onReleased: async () => {
        await this.subscription.stop();
        this.logger.log('no longer leading the dispatcher');
      },
      onError: (e) => this.logger.warn(`dispatcher lease: ${(e as Error).message}; retrying`),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
    this.lease.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.lease.stop();
    await this.subscription.stop();
    await this.listener.stop();
    await this.jobs.close();
  }
}
