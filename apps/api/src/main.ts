import 'reflect-metadata';
import cluster from 'node:cluster';
import { ConfigError, loadConfig } from '#ember/config';
import { consoleLogger, superviseApiProcesses } from './cluster/api-supervisor.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  if (config.apiProcesses > 1 && cluster.isPrimary) {
    // EMBER_API_PROCESSES=N: this process only supervises N API processes sharing the port.
    superviseApiProcesses({ processes: config.apiProcesses, logger: consoleLogger('ApiSupervisor', config.logLevel) });
    return;
  }
  // Loaded here, not at the top: the supervisor never needs Nest or the application (~20 MiB less).
  const [{ Logger }, { createApi }] = await Promise.all([import('@nestjs/common'), import('./create-api.js')]);
  const app = await createApi(config);
  await app.listen(config.apiPort, config.apiHost);
  const where = cluster.isWorker ? ` (pid ${process.pid}, one of ${config.apiProcesses} API processes)` : '';
  new Logger('Api').log(`Cinder v3 API listening on http://${config.apiHost}:${config.apiPort} (auth ${config.auth})${where}`);
}

bootstrap().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
