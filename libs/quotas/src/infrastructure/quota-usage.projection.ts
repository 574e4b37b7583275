import type { InlineProjection, RecordedEvent, SqlExecutor } from '#ember/event-store';
import { USAGE_EVENTS, usageChange } from '../domain/usage-deltas.js';
import { volumeSizesFor } from './volume-sizes.js';

/**
 * Keeps `quota_usages` from the snapshot and volume events. It never refuses anything: admission is
 * {@link QuotaGuard}'s, which runs first in live appends and holds the row locks this projection then
 * writes under. A replay runs this projection alone, so it rebuilds the same usage without enforcing.
 */
export class QuotaUsageProjection implements InlineProjection {
  readonly name = 'quota-usages';
  readonly handles = USAGE_EVENTS;

  async apply(tx: SqlExecutor, event: RecordedEvent): Promise<void> {
    const change = usageChange(event, await volumeSizesFor(tx, event));
    if (!change) return;
    // Rows in the guard's lock order (gigabytes first), so concurrent writers never deadlock.
    await tx.query({
      name: 'ember_quota_usage_add',
      text: `INSERT INTO quota_usages AS u (project_id, resource, in_use)
             SELECT $1, d.resource, d.delta FROM unnest($2::text[], $3::bigint[]) WITH ORDINALITY AS d(resource, delta, ord)
             ORDER BY d.ord
             ON CONFLICT (project_id, resource) DO UPDATE SET in_use = u.in_use + excluded.in_use`,
      values: [change.projectId, change.deltas.map(([r]) => r), change.deltas.map(([, d]) => d)],
    });
  }
}
