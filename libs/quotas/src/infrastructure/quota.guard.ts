import type { AppendGuard, RecordedEvent, SqlExecutor } from '#ember/event-store';
import { SnapshotEvents } from '#ember/snapshots';
import { VolumeEvents } from '#ember/volumes';
import { QuotaErrors } from '../domain/quota.errors.js';
import { QuotaEvents, type QuotaLimitsSet } from '../domain/quota.events.js';
import { countedBy, QUOTA_KEYS, typedKey, type CountedResource, type QuotaDefaults } from '../domain/quota-keys.js';
import { usageChange } from '../domain/usage-deltas.js';
import { volumeSizesFor } from './volume-sizes.js';

/** Advisory-lock key space of quota decisions (two-int form: this, hashtext(project id)). */
const QUOTA_LOCK = 0x51554f54;

interface Limits {
  total: number;
  typed: number;
}

/**
 * Quota admission, decided in the append transaction (Cinder reserves in a separate lock queue; here the
 * events and their usage commit or roll back together):
 *
 * - A snapshot or volume request, or a volume extension, gets per resource in sorted order (gigabytes
 *   first, as Cinder reports overs) ONE conditional upsert that locks the project's usage row only if
 *   `in_use + delta` fits the limit and the per-type limit, both read from `quota_limits` with the
 *   configured default in the same statement. No row → the quota is full → the DomainError rolls everything back. Concurrent requests
 *   queue on the row lock and READ COMMITTED re-evaluates the condition on the row as the winner left it,
 *   so exactly the limit is admitted. {@link QuotaUsageProjection} then adds the delta under that lock.
 * - Limit changes take the project's quota lock exclusively and admissions take it shared before their
 *   upserts, so an admission always reads the limits committed before it, and a new limit is checked
 *   against usage that no admission in flight can still raise.
 */
export class QuotaGuard implements AppendGuard {
  readonly name = 'quotas';
  readonly handles = [SnapshotEvents.Requested, VolumeEvents.Requested, VolumeEvents.ExtendRequested, QuotaEvents.LimitsSet];

  constructor(private readonly defaults: QuotaDefaults) {}

  async check(tx: SqlExecutor, event: RecordedEvent): Promise<void> {
    if (event.type === QuotaEvents.LimitsSet) return this.checkLimits(tx, event.data as unknown as QuotaLimitsSet);
    const volume = await volumeSizesFor(tx, event);
    const change = usageChange(event, volume);
    if (!change) return;
    const perVolume = await this.lockShared(tx, change.projectId);
    const extend = event.type === VolumeEvents.ExtendRequested;
    if (extend || event.type === VolumeEvents.Requested) {
      const size = extend ? volume!.newSize : Number(event.data.size);
      // Cinder checks the one volume against per_volume_gigabytes before it reserves anything.
      if (perVolume >= 0 && size > perVolume) throw QuotaErrors.volumeSizeExceedsLimit(size, perVolume);
    }
    for (const [resource, delta] of change.deltas) {
      if (delta > 0) await this.admit(tx, change.projectId, resource, delta, extend);
    }
  }

  /** Takes the project's quota lock shared; answers its `per_volume_gigabytes` (-1 when unset). */
  private async lockShared(tx: SqlExecutor, projectId: string): Promise<number> {
    const { rows } = await tx.query<{ per_volume: number }>({
      name: 'ember_quota_lock_shared',
      text: `SELECT pg_advisory_xact_lock_shared($1::int, hashtext($2)),
                    coalesce((SELECT hard_limit FROM quota_limits
                               WHERE project_id = $2 AND resource = 'per_volume_gigabytes'), -1) AS per_volume`,
      values: [QUOTA_LOCK, projectId],
    });
    return rows[0]!.per_volume;
  }

  private async admit(tx: SqlExecutor, projectId: string, resource: CountedResource, delta: number, extend: boolean) {
    const { rowCount } = await tx.query({
      name: 'ember_quota_admit',
      text: `WITH lim AS (${LIMITS_SQL})
             INSERT INTO quota_usages AS u (project_id, resource, in_use)
             SELECT $1, $2, 0 FROM lim WHERE (total < 0 OR $3 <= total) AND (typed < 0 OR $3 <= typed)
             ON CONFLICT (project_id, resource) DO UPDATE SET in_use = u.in_use
               WHERE (SELECT (total < 0 OR u.in_use + $3 <= total) AND (typed < 0 OR u.in_use + $3 <= typed) FROM lim)
             RETURNING u.in_use`,
      values: [projectId, resource, delta, this.defaults[resource], typedKey(resource)],
    });
    if (rowCount === 0) throw await this.refusal(tx, projectId, resource, delta, extend);
  }

  /** Cinder's message for the first full quota; the row is ours (locked) or absent, so this read is exact. */
  private async refusal(tx: SqlExecutor, projectId: string, resource: CountedResource, delta: number, extend: boolean) {
    const { rows } = await tx.query<Limits & { in_use: number }>({
      name: 'ember_quota_refusal',
      text: `SELECT total, typed, coalesce((SELECT in_use FROM quota_usages WHERE project_id = $1 AND resource = $2), 0) AS in_use
               FROM (${LIMITS_SQL}) lim`,
      values: [projectId, resource, delta, this.defaults[resource], typedKey(resource)],
    });
    const { total, typed, in_use: consumed } = rows[0]!;
    // An extension always reports the total gigabytes quota, whichever one is full (Cinder's `_extend`).
    const [name, quota] =
      extend || (total >= 0 && consumed + delta > total) ? [resource, total] : [typedKey(resource), typed];
    if (resource === 'gigabytes') return QuotaErrors.gigabytesExceeded(name, delta, quota, consumed);
    if (resource === 'snapshots') return QuotaErrors.snapshotLimitExceeded(quota);
    return QuotaErrors.volumeLimitExceeded(quota, name);
  }

  /** New limits must hold what the project already uses (Cinder's check, made exact by the lock). */
  private async checkLimits(tx: SqlExecutor, { projectId, limits }: QuotaLimitsSet): Promise<void> {
    await tx.query({
      name: 'ember_quota_lock_exclusive',
      text: 'SELECT pg_advisory_xact_lock($1::int, hashtext($2))',
      values: [QUOTA_LOCK, projectId],
    });
    const { rows } = await tx.query<{ resource: CountedResource; in_use: number }>({
      name: 'ember_quota_usage_of',
      text: 'SELECT resource, in_use FROM quota_usages WHERE project_id = $1',
      values: [projectId],
    });
    const used = new Map(rows.map((r) => [r.resource, r.in_use]));
    for (const key of QUOTA_KEYS.filter((k) => k in limits)) {
      const limit = limits[key]!;
      const resource = countedBy(key);
      const usage = resource ? (used.get(resource) ?? 0) : 0;
      if (limit >= 0 && limit < usage) throw QuotaErrors.limitBelowUsage(key, usage, limit);
    }
  }
}

/** A resource's limit and its per-type limit, defaults included ($1 project, $2 resource, $4 default, $5 typed key). */
const LIMITS_SQL = `SELECT coalesce((SELECT hard_limit FROM quota_limits WHERE project_id = $1 AND resource = $2), $4::int) AS total,
                           coalesce((SELECT hard_limit FROM quota_limits WHERE project_id = $1 AND resource = $5), -1) AS typed,
                           $3::bigint AS requested`;
