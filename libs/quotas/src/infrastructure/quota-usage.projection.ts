import type { InlineProjection, RecordedEvent, SqlExecutor } from '#ember/event-store';
import { needsVolumeSizes, USAGE_EVENTS, usageChange, type UsageChange } from '../domain/usage-deltas.js';
import { volumeSizesFor } from './volume-sizes.js';

/** How many rows a project's usage of one resource is spread over. */
export const USAGE_SHARDS = 16;

/**
 * Keeps `quota_usages` from the snapshot and volume events. It never refuses anything: admission is
 * {@link QuotaGuard}'s, which runs first in live appends. A replay runs this projection alone, so it
 * rebuilds the same usage without enforcing.
 *
 * Each connection adds to its own shard (its backend pid modulo {@link USAGE_SHARDS}), so concurrent
 * creates in one project don't queue on one row until they commit; readers sum the shards. Which shard
 * holds what is meaningless: only the sums are the read model.
 */
export class QuotaUsageProjection implements InlineProjection {
  readonly name = 'quota-usages';
  readonly handles = USAGE_EVENTS;
  readonly readsMetadata = false;

  async apply(tx: SqlExecutor, event: RecordedEvent): Promise<void> {
    const change = usageChange(event, await volumeSizesFor(tx, event));
    if (change) await this.add(tx, change);
  }

  /**
   * A rebuild's batch: usage only ever adds up, so the changes of many events are summed per project
   * and resource (in the order they first appear) and each project's sums added with {@link add}: the
   * same totals as one addition per event.
   */
  async applyBatch(tx: SqlExecutor, events: readonly RecordedEvent[]): Promise<void> {
    const sizes = await Promise.all(events.map((event) => (needsVolumeSizes(event.type) ? volumeSizesFor(tx, event) : undefined)));
    const sums = new Map<string, Map<UsageChange['deltas'][number][0], number>>();
    events.forEach((event, i) => {
      const change = usageChange(event, sizes[i]);
      if (!change) return;
      let project = sums.get(change.projectId);
      if (!project) sums.set(change.projectId, (project = new Map()));
      for (const [resource, delta] of change.deltas) project.set(resource, (project.get(resource) ?? 0) + delta);
    });
    for (const [projectId, deltas] of sums) await this.add(tx, { projectId, deltas: [...deltas] });
  }

  private async add(tx: SqlExecutor, change: UsageChange): Promise<void> {
    // Rows in one order (gigabytes first), so two writers that share a shard never deadlock.
    await tx.query({
      name: 'ember_quota_usage_add',
      text: `INSERT INTO quota_usages AS u (project_id, resource, shard, in_use)
             SELECT $1, d.resource, pg_backend_pid() % ${USAGE_SHARDS}, d.delta
               FROM unnest($2::text[], $3::bigint[]) WITH ORDINALITY AS d(resource, delta, ord)
             ORDER BY d.ord
             ON CONFLICT (project_id, resource, shard) DO UPDATE SET in_use = u.in_use + excluded.in_use`,
      values: [change.projectId, change.deltas.map(([r]) => r), change.deltas.map(([, d]) => d)],
    });
  }
}

/** A project's usage per resource: the sum of its shards. */
export async function usageOf(db: SqlExecutor, projectId: string): Promise<Map<string, number>> {
  const { rows } = await db.query<{ resource: string; in_use: string }>({
    name: 'ember_quota_usage_of',
    text: 'SELECT resource, sum(in_use)::text AS in_use FROM quota_usages WHERE project_id = $1 GROUP BY resource',
    values: [projectId],
  });
  return new Map(rows.map((r) => [r.resource, Number(r.in_use)]));
}
