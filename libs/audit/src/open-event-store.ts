import type pg from 'pg';
import { EventStore } from '#ember/event-store';

/**
 * The event store the audit tools read through (`readStream`, `readAll`), so events come back exactly
 * as every other reader gets them (upcast to their current shape). Appends are never made here.
 */
export function openEventStore(pool: pg.Pool): EventStore {
  return new EventStore(pool);
}
