import type { InlineProjection, RecordedEvent, SqlExecutor } from '#ember/event-store';

/**
 * Routes events to the inline projections that handle their type. Each projection gets its events of a
 * batch in log order: all at once if it has `applyBatch`, else one by one through `apply`. Projections
 * are independent (each writes its own tables and reads only them and the log), so one projection's
 * batch need not wait for another's events in between.
 */
export class ProjectionRunner {
  private readonly routes: { projection: InlineProjection; handles: ReadonlySet<string> }[];

  constructor(projections: readonly InlineProjection[]) {
    this.routes = projections.map((projection) => ({ projection, handles: new Set(projection.handles) }));
  }

  /** Applies events in order. Never runs append guards: a replay rebuilds state, it decides nothing. */
  async apply(db: SqlExecutor, events: readonly RecordedEvent[]): Promise<void> {
    for (const { projection, handles } of this.routes) {
      const mine = events.filter((e) => handles.has(e.type));
      if (mine.length === 0) continue;
      if (projection.applyBatch) await projection.applyBatch(db, mine);
      else for (const event of mine) await projection.apply(db, event);
    }
  }
}
