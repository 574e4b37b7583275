import type { Provider } from '@nestjs/common';
import { EmberConfig } from '#ember/config';
import { FileStorageBackend } from '#ember/storage';

/** Injection token of the StorageBackend. */
export const STORAGE_BACKEND = Symbol('STORAGE_BACKEND');

/** The file backend under EMBER_DATA_DIR; another backend would be chosen here. */
export const storageProvider: Provider = {
  provide: STORAGE_BACKEND,
  inject: [EmberConfig],
  useFactory: (config: EmberConfig) => new FileStorageBackend(config.dataDir),
};
