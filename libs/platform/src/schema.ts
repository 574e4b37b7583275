import { EventHashes1764000000500, EventStore1764000000000, NotifyAfterCommit1764000000600, StaleReadCheck1764000000800 } from '#ember/event-store';
import {
  QuotaAdmission1764000000900,
  QuotaGuard,
  QuotaLimitEntity,
  QuotaLimitsProjection,
  QuotaReadModels1764000000300,
  QuotaUsageEntity,
  QuotaUsageProjection,
  QuotaUsageShards1764000000700,
  type QuotaDefaults,
} from '#ember/quotas';
import {
  SnapshotEntity,
  SnapshotListIndexes1764000000410,
  SnapshotProjection,
  SnapshotReadModel1764000000200,
} from '#ember/snapshots';
import { VolumeEntity, VolumeListIndexes1764000000400, VolumeProjection, VolumeReadModel1764000000100 } from '#ember/volumes';

/** Every migration of Ember's database, in order: the event store first, then the read models. */
export const MIGRATIONS = [
  EventStore1764000000000,
  VolumeReadModel1764000000100,
  SnapshotReadModel1764000000200,
  QuotaReadModels1764000000300,
  VolumeListIndexes1764000000400,
  SnapshotListIndexes1764000000410,
  EventHashes1764000000500,
  NotifyAfterCommit1764000000600,
  QuotaUsageShards1764000000700,
  StaleReadCheck1764000000800,
  QuotaAdmission1764000000900,
];

/** Every TypeORM entity (read models). */
export const ENTITIES: Function[] = [VolumeEntity, SnapshotEntity, QuotaLimitEntity, QuotaUsageEntity];

/** The inline projections every writer (API and worker) runs in its append transactions. */
export const inlineProjections = () => [
  new VolumeProjection(),
  new SnapshotProjection(),
  new QuotaLimitsProjection(),
  new QuotaUsageProjection(),
];

/** The append guards every writer runs: rules across streams (quota), decided in the append transaction. Never replayed. */
export const appendGuards = (quotaDefaults: QuotaDefaults) => [new QuotaGuard(quotaDefaults)];
