import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EmberConfig } from '#ember/config';
import { createDataSource, EventStore, poolOf } from '#ember/event-store';
import { quotaDefaultsOf } from '#ember/quotas';
import { appendGuards, ENTITIES, inlineProjections, MIGRATIONS } from './schema.js';

/**
 * Group-commit transactions open at once per process: two, so that one fills while the other is
 * committed. Measured with 1, 2, 3, 4 and 8 (2026-11-27, 2 vCPUs, 32 connections): within noise of each
 * other, 2 and 3 slightly ahead.
 */
const GROUP_COMMITS_IN_FLIGHT = 2;

/**
 * The shared infrastructure of every Ember process: the validated config, the Postgres DataSource,
 * the event store with its inline projections and append guards. One instance per process. Only the
 * worker talks to Redis (its dispatcher turns the log into jobs): writers just commit events.
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

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
              poolSize: options.poolSize ?? config.dbPoolSize,
              applicationName: options.applicationName,
            }).initialize(),
        },
        {
          provide: EventStore,
          inject: [DataSource],
          useFactory: (ds: DataSource) =>
            new EventStore(poolOf(ds), inlineProjections(), appendGuards(quotaDefaultsOf(config)), undefined, {
              maxUnits: config.groupCommit,
              maxInFlight: GROUP_COMMITS_IN_FLIGHT,
            }),
        },
      ],
      exports: [EmberConfig, DataSource, EventStore],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dataSource.destroy();
  }
}
