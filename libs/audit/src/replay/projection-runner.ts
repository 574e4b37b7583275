import type { InlineProjection, RecordedEvent, SqlExecutor } from '#ember/event-store';

/** Routes events to the inline projections that handle their type, in the order a live append applies them. */
export class ProjectionRunner {
  private readonly byType = new Map<string, InlineProjection[]>();

  constructor(projections: readonly InlineProjection[]) {
    for (const p of projections) {
      for (const type of p.handles) this.byType.set(type, [...(this.byType.get(type) ?? []), p]);
    }
  }

  /** Applies events in order. Never runs append guards: a replay rebuilds state, it decides nothing. */
  async apply(db: SqlExecutor, events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      for (const projection of this.byType.get(event.type) ?? []) await projection.apply(db, event);
    }
  }
}
