import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';

/** Every setting Ember reads, after defaults. Built once at boot by {@link loadConfig}. */
export class EmberConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  databaseUrl: string;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  redisUrl: string;

  @IsString()
  dataDir: string;

  /** The storage backend's Cinder host (`host@backend#pool`), shown to admins and used by manage-existing. */
  @Matches(/^[^@#\s]+@[^@#\s]+(#[^@#\s]+)?$/, { message: 'EMBER_BACKEND_HOST must look like host@backend#pool' })
  backendHost: string;

  @IsIn(['noauth', 'keystone'], { message: 'EMBER_AUTH must be noauth or keystone' })
  auth: 'noauth' | 'keystone';

  @ValidateIf((c: EmberConfig) => c.auth === 'keystone')
  @IsUrl({ require_tld: false }, { message: 'EMBER_KEYSTONE_URL must be a URL when EMBER_AUTH=keystone' })
  keystoneUrl?: string;

  /** Roles granted to noauth callers; Cinder's noauth makes everyone admin. */
  @IsString({ each: true })
  noauthRoles: string[];

  @IsInt({ message: 'EMBER_API_PORT must be an integer' })
  @Min(0)
  @Max(65535)
  apiPort: number;

  @IsString()
  apiHost: string;

  /**
   * API processes sharing the listening socket (node:cluster): 1 runs the API in this process; N > 1
   * makes this process a supervisor that forks N API processes and restarts any that dies.
   */
  @IsInt({ message: 'EMBER_API_PROCESSES must be an integer' })
  @Min(1, { message: 'EMBER_API_PROCESSES must be at least 1' })
  @Max(64, { message: 'EMBER_API_PROCESSES must be at most 64' })
  apiProcesses: number;

  /**
   * Postgres connections each process may open for its work (one pool per process: each API process
   * of EMBER_API_PROCESSES and each worker has its own). Scaling out multiplies it: keep the sum
   * under the server's max_connections.
   */
  @IsInt({ message: 'EMBER_DB_POOL_SIZE must be an integer' })
  @Min(1, { message: 'EMBER_DB_POOL_SIZE must be at least 1' })
  dbPoolSize: number;

  /**
   * Group commit: the most snapshot creates one API process commits in one Postgres transaction
   * (default 64). Creates that arrive while two such transactions are in flight wait for one to end
   * and go together in the next: one BEGIN, one COMMIT and one write to Postgres for all of them,
   * which is what lets one API process keep up with a busy Postgres. A lone create waits for nobody.
   * 1 commits every create on its own.
   */
  @IsInt({ message: 'EMBER_GROUP_COMMIT must be an integer from 1 to 1000' })
  @Min(1, { message: 'EMBER_GROUP_COMMIT must be an integer from 1 to 1000' })
  @Max(1000, { message: 'EMBER_GROUP_COMMIT must be an integer from 1 to 1000' })
  groupCommit: number;

  @IsOptional()
  @IsUrl({ require_tld: false }, { message: 'EMBER_PUBLIC_ENDPOINT must be a URL' })
  publicEndpoint?: string;

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'], {
    message: 'EMBER_LOG_LEVEL must be one of fatal, error, warn, log, debug, verbose',
  })
  logLevel: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';

  @IsInt({ message: 'EMBER_WORKER_CONCURRENCY must be an integer' })
  @Min(1)
  workerConcurrency: number;

  /**
   * How the worker's threads are scheduled (Linux): `normal` (the default), at niceness
   * {@link workerNice}; or `idle`, SCHED_IDLE: copies and checksums then run only on CPU time nothing else
   * wants, and a request's thread that wakes up takes the core at once. Measured side by side on two
   * vCPUs (2026-11-27): `idle` served about 15 % more creates per second with the worker copying, and
   * made POST → available on an otherwise idle host a few ms slower (p50 45–56 against 41–51 ms that
   * day: each wake-up of the worker waits for a free core). A SCHED_IDLE worker gets no CPU at all while
   * anything else keeps the cores busy, so `idle` is for a host where Ember's API is the only other
   * tenant and its throughput under load matters more than how soon a lone snapshot is available.
   */
  @IsIn(['idle', 'normal'], { message: 'EMBER_WORKER_SCHED must be idle or normal' })
  workerSched: 'idle' | 'normal';

  /**
   * The worker's CPU niceness (0–19) under `EMBER_WORKER_SCHED=normal`, default 10, on all its threads:
   * copies and checksums are batch work, so on a host shared with the API and Postgres they yield the
   * CPU to requests and catch up when the host is idle (a worker always behind on copies would
   * otherwise take as much CPU as the scheduler gives it, and each added worker process takes more from
   * the API). The price is copy throughput, and POST → available latency, while the host is saturated
   * (the dispatcher runs in the worker too). On a host of its own the worker runs as fast at 10 as at 0.
   * 0 keeps the normal priority.
   */
  @IsInt({ message: 'EMBER_WORKER_NICE must be an integer from 0 to 19' })
  @Min(0, { message: 'EMBER_WORKER_NICE must be an integer from 0 to 19' })
  @Max(19, { message: 'EMBER_WORKER_NICE must be an integer from 0 to 19' })
  workerNice: number;

  @IsString()
  queuePrefix: string;

  @IsInt({ message: 'EMBER_QUOTA_SNAPSHOTS must be an integer (-1 = unlimited)' })
  @Min(-1)
  quotaSnapshots: number;

  @IsInt({ message: 'EMBER_QUOTA_VOLUMES must be an integer (-1 = unlimited)' })
  @Min(-1)
  quotaVolumes: number;

  @IsInt({ message: 'EMBER_QUOTA_GIGABYTES must be an integer (-1 = unlimited)' })
  @Min(-1)
  quotaGigabytes: number;
}
