import { EventStore1764000000000 } from '#ember/event-store';

/** Every migration of Ember's database, in order: the event store first, then the read models. */
export const MIGRATIONS = [EventStore1764000000000];

/** Every TypeORM entity (read models). */
export const ENTITIES: Function[] = [];
