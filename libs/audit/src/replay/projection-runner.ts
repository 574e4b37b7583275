import type { InlineProjection, RecordedEvent, SqlExecutor } from '#ember/event-store';

/**
 * Routes events to the inline projections that handle their type. Each projection gets its events of a
 * batch in log order: all at once if it has `applyBatch`, else one by one through `apply`. Projections
 * are independent (each writes its own tables and reads only them and the log), so one projection's
 * batch need not wait for another's events in between.
 */
export class ProjectionRunner {
  private readonly projections: readonly InlineProjection[];
  /** Event type → the indexes (in {@link projections}) of the projections that handle it. */
  private readonly byType = new Map<string, number[]>();

  constructor(projections: readonly InlineProjection[]) {
    this.projections = projections;
    projections.forEach((p, i) => {
      for (const type of p.handles) this.byType.set(type, [...(this.byType.get(type) ?? []), i]);
    });
  }

  /** Applies events in order. Never runs append guards: a replay rebuilds state, it decides nothing. */
  async apply(db: SqlExecutor, events: readonly RecordedEvent[]): Promise<void> {
    const mine: RecordedEvent[][] = this.projections.map(() => []);
    for (const event of events) {
      const routes = this.byType.get(event.type);
      if (routes) for (const i of routes) mine[i]!.push(event);
    }
    for (let i = 0; i < this.projections.length; i++) {
      const projection = this.projections[i]!;
      if (mine[i]!.length === 0) continue;
      if (projection.applyBatch) await projection.applyBatch(db, mine[i]!);
      else for (const event of mine[i]!) await projection.apply(db, event);
    }
  }
}
