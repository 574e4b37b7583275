import 'reflect-metadata';
import { resolve } from 'node:path';
import { validateSync } from 'class-validator';
import { EmberConfig } from './ember-config.js';

/** Thrown at boot when the environment does not describe a runnable Ember. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid Ember configuration:\n  - ${problems.join('\n  - ')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const int = (env: Env, key: string, fallback: number): number => {
  const raw = env[key]?.trim();
  if (raw === undefined || raw === '') return fallback;
  return /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
};

const str = (env: Env, key: string, fallback: string): string => {
  const raw = env[key]?.trim();
  return raw === undefined || raw === '' ? fallback : raw;
};

/**
 * Parses and validates the environment once. Nothing else in Ember reads `process.env`.
 * Throws {@link ConfigError} naming every invalid variable.
 */
export function loadConfig(env: Env = process.env): EmberConfig {
  const config = Object.assign(new EmberConfig(), {
    databaseUrl: str(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/ember'),
    redisUrl: str(env, 'REDIS_URL', 'redis://127.0.0.1:6379'),
    dataDir: resolve(str(env, 'EMBER_DATA_DIR', './var/data')),
    backendHost: str(env, 'EMBER_BACKEND_HOST', 'ember@file#file'),
    auth: str(env, 'EMBER_AUTH', 'noauth'),
    keystoneUrl: env.EMBER_KEYSTONE_URL?.trim() || undefined,
    noauthRoles: str(env, 'EMBER_NOAUTH_ROLES', 'admin,member,reader')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean),
    apiPort: int(env, 'EMBER_API_PORT', 8776),
    apiHost: str(env, 'EMBER_API_HOST', '0.0.0.0'),
    apiProcesses: int(env, 'EMBER_API_PROCESSES', 1),
    dbPoolSize: int(env, 'EMBER_DB_POOL_SIZE', 20),
    groupCommit: int(env, 'EMBER_GROUP_COMMIT', 64),
    publicEndpoint: env.EMBER_PUBLIC_ENDPOINT?.trim() || undefined,
    logLevel: str(env, 'EMBER_LOG_LEVEL', 'log'),
    workerConcurrency: int(env, 'EMBER_WORKER_CONCURRENCY', 4),
    workerSched: str(env, 'EMBER_WORKER_SCHED', 'normal'),
    workerNice: int(env, 'EMBER_WORKER_NICE', 10),
    queuePrefix: str(env, 'EMBER_QUEUE_PREFIX', 'ember'),
    quotaSnapshots: int(env, 'EMBER_QUOTA_SNAPSHOTS', 10),
    quotaVolumes: int(env, 'EMBER_QUOTA_VOLUMES', 10),
    quotaGigabytes: int(env, 'EMBER_QUOTA_GIGABYTES', 1000),
  });
  const errors = validateSync(config);
  if (errors.length > 0) {
    throw new ConfigError(errors.flatMap((e) => Object.values(e.constraints ?? { invalid: `${e.property} is invalid` })));
  }
  return config;
}
