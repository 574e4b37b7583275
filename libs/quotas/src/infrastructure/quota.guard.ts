import type { AppendGuard, RecordedEvent, SqlExecutor } from '#ember/event-store';
import { SnapshotEvents } from '#ember/snapshots';
import { VolumeEvents } from '#ember/volumes';
import { QuotaErrors } from '../domain/quota.errors.js';
import { QuotaEvents, type QuotaLimitsSet } from '../domain/quota.events.js';
import { countedBy, QUOTA_KEYS, typedKey, type CountedResource, type QuotaDefaults } from '../domain/quota-keys.js';
import { usageChange } from '../domain/usage-deltas.js';
import { usageOf } from './quota-usage.projection.js';
import { volumeSizesFor } from './volume-sizes.js';

/** Advisory-lock key space of a project's quota limits (two-int form: this, hashtext(project id)). */
const QUOTA_LOCK = 0x51554f54;
/** Advisory-lock key space of admissions against one finite limit (this, hashtext(project/resource)). */
const ADMIT_LOCK = 0x51554f55;

/**
 * Quota admission, decided in the append transaction (Cinder reserves in a separate lock queue; here the
 * events and their usage commit or roll back together):
 *
 * - Every admission takes the project's quota lock shared, then reads the limits of what it asks for,
 *   in a statement of its own, so it reads the limits committed before it.
 * - A resource without a limit (-1, total and per type) admits without waiting for anyone: usage is
 *   counted by {@link QuotaUsageProjection} in per-connection shards.
 * - Against a finite limit, admissions of that project and resource queue on an advisory lock, then sum
 *   the usage (a statement after the lock sees every earlier admission committed), so exactly the
 *   limit is admitted. The refusal carries Cinder's message and figures.
 * - Limit changes take the project's quota lock exclusively: they wait for the admissions in flight and
 *   check the new limit against usage that none of them can still raise.
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
    const { projectId } = change;
    const limits = await this.lockShared(tx, projectId, change.deltas.map(([r]) => r));
    const extend = event.type === VolumeEvents.ExtendRequested;
    if (extend || event.type === VolumeEvents.Requested) {
      const size = extend ? volume!.newSize : Number(event.data.size);
      const perVolume = limits.get('per_volume_gigabytes') ?? -1;
      // Cinder checks the one volume against per_volume_gigabytes before it reserves anything.
      if (perVolume >= 0 && size > perVolume) throw QuotaErrors.volumeSizeExceedsLimit(size, perVolume);
    }
    for (const [resource, delta] of change.deltas) {
      if (delta <= 0) continue;
      const total = limits.get(resource) ?? this.defaults[resource];
      const typed = limits.get(typedKey(resource)) ?? -1;
      if (total < 0 && typed < 0) continue;
      await this.admit(tx, projectId, resource, delta, { total, typed }, extend);
    }
  }

  /** Takes the project's quota lock shared; then answers the limits set for `resources` (and per volume). */
  private async lockShared(tx: SqlExecutor, projectId: string, resources: CountedResource[]): Promise<Map<string, number>> {
    // Sent together (a pipelined transaction makes them one round trip), run in order: lock, then read.
    const locked = tx.query({
      name: 'ember_quota_lock_shared',
      text: 'SELECT pg_advisory_xact_lock_shared($1::int, hashtext($2))',
      values: [QUOTA_LOCK, projectId],
    });
    const keys = ['per_volume_gigabytes', ...resources.flatMap((r) => [r, typedKey(r)])];
    const limits = tx.query<{ resource: string; hard_limit: number }>({
      name: 'ember_quota_limits_of',
      text: 'SELECT resource, hard_limit FROM quota_limits WHERE project_id = $1 AND resource = ANY($2::text[])',
      values: [projectId, keys],
    });
    await locked;
    return new Map((await limits).rows.map((r) => [r.resource, r.hard_limit]));
  }

  private async admit(
    tx: SqlExecutor,
    projectId: string,
    resource: CountedResource,
    delta: number,
    { total, typed }: { total: number; typed: number },
    extend: boolean,
  ): Promise<void> {
    const locked = tx.query({
      name: 'ember_quota_admit_lock',
      text: `SELECT pg_advisory_xact_lock($1::int, hashtext($2 || '/' || $3))`,
      values: [ADMIT_LOCK, projectId, resource],
    });
    const usage = usageOf(tx, projectId);
    await locked;
    const consumed = (await usage).get(resource) ?? 0;
    const fitsTotal = total < 0 || consumed + delta <= total;
    const fitsTyped = typed < 0 || consumed + delta <= typed;
    if (fitsTotal && fitsTyped) return;
    // An extension always reports the total gigabytes quota, whichever one is full (Cinder's `_extend`).
    const [name, quota] = extend || !fitsTotal ? [resource, total] : [typedKey(resource), typed];
    if (resource === 'gigabytes') throw QuotaErrors.gigabytesExceeded(name, delta, quota, consumed);
    if (resource === 'snapshots') throw QuotaErrors.snapshotLimitExceeded(quota);
    throw QuotaErrors.volumeLimitExceeded(quota, name);
  }

  /** New limits must hold what the project already uses (Cinder's check, made exact by the lock). */
  private async checkLimits(tx: SqlExecutor, { projectId, limits }: QuotaLimitsSet): Promise<void> {
    await tx.query({
      name: 'ember_quota_lock_exclusive',
      text: 'SELECT pg_advisory_xact_lock($1::int, hashtext($2))',
      values: [QUOTA_LOCK, projectId],
    });
    const used = await usageOf(tx, projectId);
    for (const key of QUOTA_KEYS.filter((k) => k in limits)) {
      const limit = limits[key]!;
      const resource = countedBy(key);
      const usage = resource ? (used.get(resource) ?? 0) : 0;
      if (limit >= 0 && limit < usage) throw QuotaErrors.limitBelowUsage(key, usage, limit);
    }
  }
}
