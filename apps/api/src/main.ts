import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '#ember/config';
import { createApi } from './create-api.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config);
  await app.listen(config.apiPort, config.apiHost);
  new Logger('Api').log(`Cinder v3 API listening on http://${config.apiHost}:${config.apiPort} (auth ${config.auth})`);
}

bootstrap().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
