import { DomainError } from '#ember/kernel';

/** Snapshot rule violations, worded as Cinder words them (`cinder/volume/api.py`). */
export const SnapshotErrors = {
  notFound: (id: string) => new DomainError('SNAPSHOT_NOT_FOUND', 'not_found', `Snapshot ${id} could not be found.`),
  invalidDeleteStatus: () =>
    new DomainError(
      'SNAPSHOT_DELETE_INVALID_STATUS',
      'invalid',
      'Invalid snapshot: Snapshot status must be available or error and must not be part of a group.',
    ),
  updateStatusNotAllowed: (current: string) =>
    new DomainError(
      'SNAPSHOT_UPDATE_STATUS_NOT_ALLOWED',
      'invalid',
      `Snapshot status ${current} not allowed for update_snapshot_status`,
    ),
  updateStatusTargetNotAllowed: (target: string, current: string) =>
    new DomainError(
      'SNAPSHOT_UPDATE_STATUS_TARGET_NOT_ALLOWED',
      'invalid',
      `Provided snapshot status ${target} not allowed for snapshot with status ${current}.`,
    ),
  metadataKeyNotFound: (id: string, key: string) =>
    new DomainError('SNAPSHOT_METADATA_NOT_FOUND', 'not_found', `Snapshot ${id} has no metadata with key ${key}.`),
  volumeMaintenance: () =>
    new DomainError(
      'SNAPSHOT_VOLUME_MAINTENANCE',
      'invalid',
      'Invalid volume: The snapshot cannot be created when the volume is in maintenance mode.',
    ),
  volumeMigrating: () =>
    new DomainError(
      'SNAPSHOT_VOLUME_MIGRATING',
      'invalid',
      'Invalid volume: Snapshot cannot be created while volume is migrating.',
    ),
  volumeError: () =>
    new DomainError(
      'SNAPSHOT_VOLUME_ERROR',
      'invalid',
      'Invalid volume: The snapshot cannot be created when the volume is in error status.',
    ),
  volumeNotAvailable: (volumeId: string, allowed: readonly string[], status: string) =>
    new DomainError(
      'SNAPSHOT_VOLUME_NOT_AVAILABLE',
      'invalid',
      `Invalid volume: Volume ${volumeId} status must be ${allowed.join(', ')}, but current status is: ${status}.`,
    ),
};
