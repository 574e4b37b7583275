import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EmberConfig } from '#ember/config';
import { createDataSource, EventStore, poolOf } from '#ember/event-store';
import { BullJobScheduler, JOB_SCHEDULER, type JobScheduler } from '#ember/jobs';
import { quotaDefaultsOf } from '#ember/quotas';
import { appendGuards, ENTITIES, inlineProjections, MIGRATIONS } from './schema.js';

/**
 * The shared infrastructure of every Ember process: the validated config, the Postgres DataSource,
 * the event store with its inline projections and append guards, and the job producer. One instance per process.
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
  ) {}

  static forRoot(config: EmberConfig, options: { poolSize?: number; applicationName?: string } = {}): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: EmberConfig, useValue: config },
        {
          provide: DataSource,
          useFactory: async () =>
            createDataSource({
              url: config.databaseUrl,
              entities: ENTITIES,
              migrations: MIGRATIONS,
              poolSize: options.poolSize,
              applicationName: options.applicationName,
            }).initialize(),
        },
        {
          provide: EventStore,
          inject: [DataSource],
          useFactory: (ds: DataSource) =>
            new EventStore(poolOf(ds), inlineProjections(), appendGuards(quotaDefaultsOf(config))),
        },
        { provide: JOB_SCHEDULER, useFactory: () => new BullJobScheduler({ url: config.redisUrl }, config.queuePrefix) },
      ],
      exports: [EmberConfig, DataSource, EventStore, JOB_SCHEDULER],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.close();
    await this.dataSource.destroy();
  }
}
