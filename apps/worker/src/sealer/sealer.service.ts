import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf, Sealer } from '#ember/event-store';

/** Seals at most this many events each; a backlog becomes several seals. */
const MAX_EVENTS_PER_SEAL = 1000;
/** How long a fresh event waits for its seal at most (while the sealer is up). */
const SEAL_INTERVAL_MS = 10_000;

/**
 * Seals the global committed order every few seconds (`event_seals`, see Sealer), so that a rewrite
 * of history that recomputes whole stream chains still shows up in `ember verify`. Every seal's hash
 * goes to the log: kept outside the database, it is an anchor (`ember verify --anchor n:hash`) that
 * even someone able to rewrite the events and the seals cannot match. One replica seals at a time.
 */
@Injectable()
export class SealerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SealerService.name);
  readonly sealer: Sealer;

  constructor(dataSource: DataSource) {
    this.sealer = new Sealer(poolOf(dataSource), {
      maxEvents: MAX_EVENTS_PER_SEAL,
      intervalMs: SEAL_INTERVAL_MS,
      onSeal: (s) => this.logger.log(`seal ${s.sealNo}: ${s.eventIds.length} event(s) up to ${s.upTo.txId}/${s.upTo.position} hash ${s.hash.toString('hex')}`),
      onError: (e) => this.logger.warn(`sealing failed, will retry: ${(e as Error).message}`),
    });
  }

  onApplicationBootstrap(): void {
    this.sealer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sealer.stop();
  }
}
