export { ENTITIES, inlineProjections, MIGRATIONS } from './schema.js';
export { PlatformModule } from './platform.module.js';
