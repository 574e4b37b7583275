import type { EmberConfig } from './ember-config.js';

const ORDER = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'] as const;

/** Nest logger levels at or above the configured EMBER_LOG_LEVEL. */
export function logLevels(level: EmberConfig['logLevel']): (typeof ORDER)[number][] {
  return ORDER.slice(ORDER.indexOf(level));
}
