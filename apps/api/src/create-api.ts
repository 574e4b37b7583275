import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { logLevels, type EmberConfig } from '#ember/config';
import { ApiModule } from './api.module.js';
import { EmberExpressAdapter } from './http/ember-express-adapter.js';
import { cinderPipeline } from './http/pipeline.js';

/** Builds the API application (used by main.ts and by tests that boot it in-process). */
export async function createApi(config: EmberConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), new EmberExpressAdapter(), {
    // Cinder's own body rules (size, Content-Type, JSON errors) apply instead of Express's parser.
    bodyParser: false,
    logger: logLevels(config.logLevel),
  });
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', false);
  app.use(cinderPipeline(config));
  app.enableShutdownHooks();
  return app;
}
