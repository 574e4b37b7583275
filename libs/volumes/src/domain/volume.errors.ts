import { DomainError } from '#ember/kernel';

/** Volume rule violations, worded as Cinder words them. */
export const VolumeErrors = {
  notFound: (id: string) => new DomainError('VOLUME_NOT_FOUND', 'not_found', `Volume ${id} could not be found.`),
  cannotAttach: (id: string, status: string) =>
    new DomainError(
      'VOLUME_ATTACH_INVALID_STATUS',
      'invalid',
      `Invalid volume: Volume ${id} status must be available or in-use to attach, but current status is: ${status}.`,
    ),
  notAttached: (id: string) =>
    new DomainError('VOLUME_NOT_ATTACHED', 'invalid', `Invalid volume: Volume ${id} is not attached.`),
  cannotReserve: (status: string) =>
    new DomainError('VOLUME_RESERVE_INVALID_STATUS', 'invalid', `Invalid volume: Volume status must be available to reserve, but the status is ${status}.`),
  cannotBeginDetaching: () =>
    new DomainError(
      'VOLUME_BEGIN_DETACHING_INVALID',
      'invalid',
      "Invalid volume: Unable to detach volume. Volume status must be 'in-use' and attach_status must be 'attached' to detach.",
    ),
  cannotDelete: () =>
    new DomainError(
      'VOLUME_DELETE_INVALID',
      'invalid',
      'Invalid volume: Volume status must be available or error or error_restoring or error_extending or ' +
        'error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a ' +
        'transfer, or be disassociated from snapshots after volume transfer.',
    ),
  cannotExtend: (status: string) =>
    new DomainError(
      'VOLUME_EXTEND_INVALID_STATUS',
      'invalid',
      `Invalid volume: Volume status must be 'available' or 'in-use' to extend, currently ${status}.`,
    ),
  extendNotLarger: (current: number, requested: number) =>
    new DomainError(
      'VOLUME_EXTEND_NOT_LARGER',
      'invalid',
      `Invalid input received: New size for extend must be greater than current size. (current: ${current}, extended: ${requested}).`,
    ),
  maintenance: () =>
    new DomainError('VOLUME_MAINTENANCE', 'invalid', 'Invalid volume: The volume metadata cannot be updated when the volume is in maintenance mode.'),
  sourceSnapshotNotAvailable: () =>
    new DomainError(
      'VOLUME_SOURCE_SNAPSHOT_NOT_AVAILABLE',
      'invalid',
      "Invalid snapshot: Originating snapshot status must be one of 'available' values",
    ),
  sourceVolumeNotAvailable: () =>
    new DomainError(
      'VOLUME_SOURCE_VOLUME_NOT_AVAILABLE',
      'invalid',
      "Invalid volume: Unable to create a volume from an originating source volume when its status is not 'available' or 'in-use'.",
    ),
  metadataKeyNotFound: (id: string, key: string) =>
    new DomainError('VOLUME_METADATA_NOT_FOUND', 'not_found', `Volume ${id} has no metadata with key ${key}.`),
  attachmentNotFound: (id: string) =>
    new DomainError('VOLUME_ATTACHMENT_NOT_FOUND', 'not_found', `Volume attachment ${id} could not be found.`),
};
