import { expectOk, type AppendGuard, type RecordedEvent, type SqlExecutor } from '#ember/event-store';
import { SnapshotEvents } from '#ember/snapshots';
import { VolumeEvents } from '#ember/volumes';
import { QuotaErrors } from '../domain/quota.errors.js';
import { QuotaEvents, type QuotaLimitsSet } from '../domain/quota.events.js';
import { countedBy, QUOTA_KEYS, typedKey, type CountedResource, type QuotaDefaults } from '../domain/quota-keys.js';
import { usageChange } from '../domain/usage-deltas.js';
import { QUOTA_LOCK, QUOTA_REFUSED_SQLSTATE } from './quota-locks.js';
import { usageOf } from './quota-usage.projection.js';
import { volumeSizesFor } from './volume-sizes.js';

/** What `ember_quota_admit` refused, from its error's DETAIL. */
type Refused =
  | { perVolume: number; size: number }
  | { resource: CountedResource; delta: number; total: number; typed: number; consumed: number };

/**
 * Quota admission, decided in the append transaction (Cinder reserves in a separate lock queue; here the
 * events and their usage commit or roll back together), by one statement, `ember_quota_admit` (migration
 * 900), sent with the append's other statements and not waited for: a refusal fails it, and the
 * transaction's COMMIT throws the refusal as Cinder words it.
 *
 * - Every admission takes the project's quota lock shared, then reads the limits of what it asks for
 *   (a statement after the lock: the limits committed before it).
 * - A resource without a limit (-1, total and per type) admits without waiting for anyone: usage is
 *   counted by {@link QuotaUsageProjection} in per-connection shards.
 * - Against a finite limit, admissions of that project and resource queue on an advisory lock, then sum
 *   the usage (a statement after the lock sees every earlier admission committed), so exactly the
 *   limit is admitted.
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
    const extend = event.type === VolumeEvents.ExtendRequested;
    // Cinder checks one volume against per_volume_gigabytes before it reserves anything.
    const size = extend ? volume!.newSize : event.type === VolumeEvents.Requested ? Number(event.data.size) : null;
    const resources = change.deltas.map(([r]) => r);
    await expectOk(
      tx,
      {
        name: 'ember_quota_admit',
        text: 'SELECT ember_quota_admit($1, $2, $3, $4, $5, $6)',
        values: [change.projectId, resources, resources.map(typedKey), change.deltas.map(([, d]) => d), resources.map((r) => this.defaults[r]), size],
      },
      (e) => refusalOf(e, extend),
    );
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

/** Cinder's refusal for what `ember_quota_admit` refused; any other error as it is. */
function refusalOf(e: unknown, extend: boolean): unknown {
  const { code, detail } = e as { code?: string; detail?: string };
  if (code !== QUOTA_REFUSED_SQLSTATE || !detail) return e;
  const refused = JSON.parse(detail) as Refused;
  if ('perVolume' in refused) return QuotaErrors.volumeSizeExceedsLimit(refused.size, refused.perVolume);
  const { resource, delta, total, typed, consumed } = refused;
  const fitsTotal = total < 0 || consumed + delta <= total;
  // An extension always reports the total gigabytes quota, whichever one is full (Cinder's `_extend`).
  const [name, quota] = extend || !fitsTotal ? [resource, total] : [typedKey(resource), typed];
  if (resource === 'gigabytes') return QuotaErrors.gigabytesExceeded(name, delta, quota, consumed);
  if (resource === 'snapshots') return QuotaErrors.snapshotLimitExceeded(quota);
  return QuotaErrors.volumeLimitExceeded(quota, name);
}
