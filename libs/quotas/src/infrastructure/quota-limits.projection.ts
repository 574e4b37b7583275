import type { InlineProjection, RecordedEvent, SqlExecutor } from '#ember/event-store';
import { cinderTime } from '#ember/kernel';
import { QuotaEvents, type QuotaLimitsReset, type QuotaLimitsSet } from '../domain/quota.events.js';

/** Keeps `quota_limits` (limits admins set; absent rows mean the default). Pure: every value comes from the event. */
export class QuotaLimitsProjection implements InlineProjection {
  readonly name = 'quota-limits';
  readonly handles = Object.values(QuotaEvents);
  readonly readsMetadata = false;

  async apply(tx: SqlExecutor, event: RecordedEvent): Promise<void> {
    if (event.type === QuotaEvents.LimitsSet) {
      const { projectId, limits, at } = event.data as unknown as QuotaLimitsSet;
      await tx.query({
        name: 'ember_quota_limits_set',
        text: `INSERT INTO quota_limits (project_id, resource, hard_limit, updated_at)
               SELECT $1, l.resource, l.hard_limit, $4 FROM unnest($2::text[], $3::int[]) AS l(resource, hard_limit)
               ON CONFLICT (project_id, resource) DO UPDATE SET hard_limit = excluded.hard_limit, updated_at = excluded.updated_at`,
        values: [projectId, Object.keys(limits), Object.values(limits), cinderTime(at)],
      });
    } else if (event.type === QuotaEvents.LimitsReset) {
      const { projectId } = event.data as unknown as QuotaLimitsReset;
      await tx.query({ name: 'ember_quota_limits_reset', text: 'DELETE FROM quota_limits WHERE project_id = $1', values: [projectId] });
    }
  }
}
