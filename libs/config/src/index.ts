export { EmberConfig } from './ember-config.js';
export { ConfigError, loadConfig } from './load-config.js';
export { logLevels } from './log-levels.js';
