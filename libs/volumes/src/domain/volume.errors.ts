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
  attachmentNotFound: (id: string) =>
    new DomainError('VOLUME_ATTACHMENT_NOT_FOUND', 'not_found', `Volume attachment ${id} could not be found.`),
};
