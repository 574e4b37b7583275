import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, logLevels } from '#ember/config';
import { nativeExtentsAvailable, removeStaleTempFiles } from '#ember/storage';
import { lowerCpuPriority } from './cpu-priority.js';
import { WorkerModule } from './worker.module.js';

const STALE_TEMP_MS = 15 * 60_000;

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // Storage work yields the CPU to the API and Postgres.
  const priority = lowerCpuPriority(config, (m) => console.warn(m));
  // Temp files of copies cut off by a crash (their jobs are re-delivered and start over). Only
  // untouched ones: another worker replica sharing the data dir may be writing the fresh ones.
  await removeStaleTempFiles(`${config.dataDir}/snapshots`, { olderThanMs: STALE_TEMP_MS }).catch(() => undefined);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: logLevels(config.logLevel),
  });
  app.enableShutdownHooks();
  const logger = new Logger('Worker');
  logger.log(`storage worker running (concurrency ${config.workerConcurrency}, CPU ${priority}, data ${config.dataDir})`);
  if (!nativeExtentsAvailable()) {
    logger.warn('native extent map unavailable (npm install did not build libs/storage/native): copies read holes, slower');
  }
}

bootstrap().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
