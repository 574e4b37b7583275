import cluster, { type Worker } from 'node:cluster';
import type { LoggerService } from '@nestjs/common';
import type { EmberConfig } from '#ember/config';

const LEVELS = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'] as const;

/**
 * The supervisor's logger: Nest's line shape on stdout/stderr without loading Nest (the supervisor
 * would otherwise carry @nestjs/common, ~30 MiB, for a handful of lines).
 */
export function consoleLogger(context: string, level: EmberConfig['logLevel']): LoggerService {
  const min = LEVELS.indexOf(level);
  const line = (lvl: (typeof LEVELS)[number], message: unknown) => {
    if (LEVELS.indexOf(lvl) < min) return;
    const text = `[Nest] ${process.pid}  - ${new Date().toISOString()} ${lvl.toUpperCase().padStart(7)} [${context}] ${String(message)}\n`;
    (LEVELS.indexOf(lvl) >= LEVELS.indexOf('warn') ? process.stderr : process.stdout).write(text);
  };
  return {
    log: (m) => line('log', m),
    warn: (m) => line('warn', m),
    error: (m) => line('error', m),
    debug: (m) => line('debug', m),
    verbose: (m) => line('verbose', m),
    fatal: (m) => line('fatal', m),
  };
}

export interface ApiSupervisorOptions {
  /** API processes to keep running. */
  processes: number;
  logger: LoggerService;
  /** How long the API processes get to finish in-flight requests after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
  /** Pause before replacing an API process that died. */
  restartDelayMs?: number;
}

/**
 * The primary of `EMBER_API_PROCESSES=N` (node:cluster): forks N API processes that share the
 * listening socket and does nothing else: no Nest, no database, no Redis, and no connections either.
 * The API processes accept from the shared socket themselves (SCHED_NONE) rather than through the
 * primary (Node's default round-robin): with round-robin the primary hands each connection to the
 * next idle process and holds it until that one answers, so a connection handed to a process in the
 * instant it died hung with nobody to serve or reset it (seen in api-processes.e2e-spec). Measured
 * with 32 keep-alive connections over 2 processes: 52/48 % and 42/58 % of the requests, the same
 * req/s as round-robin.
 *
 * - An API process that dies after it was listening is replaced (the others keep serving meanwhile).
 * - One that dies before it ever listened (bad configuration, port taken, database unreachable at
 *   boot...) stops the whole group with exit code 1: restarting it would only loop.
 * - SIGTERM/SIGINT: every API process gets SIGTERM (Nest's shutdown hooks close the server and the
 *   pools), those still alive after `stopTimeoutMs` get SIGKILL; the primary exits when all have.
 *   A second signal kills them at once.
 * - If the primary itself is killed, Node's cluster makes its children exit (their IPC channel closes).
 * - Started with an IPC channel (a process manager, the test stack), it reports the pids of the API
 *   processes that are listening whenever that set changes: `{ type: 'ember:api-processes', listening }`.
 */
export function superviseApiProcesses(options: ApiSupervisorOptions): void {
  const { processes, logger, stopTimeoutMs = 15_000, restartDelayMs = 1_000 } = options;
  const live = new Map<number, { worker: Worker; listening: boolean }>();
  let stopping = false;
  let exitCode = 0;

  const fork = (): void => {
    const worker = cluster.fork();
    const entry = { worker, listening: false };
    live.set(worker.id, entry);
    worker.once('listening', () => {
      entry.listening = true;
      logger.log(`API process ${worker.process.pid} listening (${listening().length} of ${processes})`);
      report();
    });
  };

  const listening = (): number[] => [...live.values()].filter((e) => e.listening).map((e) => e.worker.process.pid!);
  const report = (): void => {
    if (process.send && process.connected) process.send({ type: 'ember:api-processes', listening: listening() });
  };

  const finishIfDone = (): void => {
    if (stopping && live.size === 0) process.exit(exitCode);
  };

  const stop = (code: number, why: string): void => {
    if (stopping) {
      // Asked again: do not wait for graceful shutdowns any longer.
      for (const { worker } of live.values()) worker.process.kill('SIGKILL');
      return;
    }
    stopping = true;
    exitCode = code;
    logger.log(`${why}: stopping ${live.size} API process(es)`);
    for (const { worker } of live.values()) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const { worker } of live.values()) worker.process.kill('SIGKILL');
    }, stopTimeoutMs).unref();
    finishIfDone();
  };

  cluster.on('exit', (worker, code, signal) => {
    const entry = live.get(worker.id);
    live.delete(worker.id);
    if (entry?.listening) report();
    const how = signal ?? `code ${code}`;
    if (stopping) return finishIfDone();
    if (!entry?.listening) {
      logger.error(`API process ${worker.process.pid} exited (${how}) before it was listening; stopping the other API processes`);
      return stop(1, 'an API process failed to start');
    }
    logger.warn(`API process ${worker.process.pid} exited (${how}); starting a replacement`);
    setTimeout(() => {
      if (!stopping) fork();
    }, restartDelayMs).unref();
  });

  process.on('SIGTERM', () => stop(0, 'SIGTERM'));
  process.on('SIGINT', () => stop(0, 'SIGINT'));
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  logger.log(`starting ${processes} API processes (node:cluster, supervisor pid ${process.pid})`);
  for (let i = 0; i < processes; i++) fork();
}
