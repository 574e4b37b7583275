export { appendGuards, ENTITIES, inlineProjections, MIGRATIONS } from './schema.js';
export { PlatformModule } from './platform.module.js';
export { STORAGE_BACKEND, storageProvider } from './storage.provider.js';
