import { DomainError } from '#ember/kernel';

/** Cinder's revert refusals (`cinder/api/v3/volumes.py` revert, `cinder/volume/api.py` revert_to_snapshot). */
export const RevertErrors = {
  noSnapshots: (volumeId: string) =>
    new DomainError('REVERT_NO_SNAPSHOTS', 'invalid', `Invalid volume: Volume ${volumeId} doesn't have any snapshot.`),
  notLatest: (snapshotId: string | null, volumeId: string) =>
    new DomainError(
      'REVERT_NOT_LATEST',
      'invalid',
      `Specified snapshot ${snapshotId ?? 'None'} is None or not the latest one of volume ${volumeId}.`,
    ),
  sizeMismatch: (volumeId: string, volumeSize: number, snapshotId: string, snapshotSize: number) =>
    new DomainError(
      'REVERT_SIZE_MISMATCH',
      'invalid',
      `Invalid volume: Volume ${volumeId}'s size ${volumeSize}GB does not match snapshot ${snapshotId}'s size ${snapshotSize}GB.`,
    ),
  notAvailable: (volumeId: string, snapshotId: string) =>
    new DomainError(
      'REVERT_NOT_AVAILABLE',
      'conflict',
      `Revert to snapshot ${snapshotId} requires volume ${volumeId} and the snapshot to be available.`,
    ),
};
