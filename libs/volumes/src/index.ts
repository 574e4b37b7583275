export { evolveVolume, foldVolume, Volume, type Attachment, type VolumeState } from './domain/volume.aggregate.js';
export { VolumeErrors } from './domain/volume.errors.js';
export * from './domain/volume.events.js';
export { VolumeRepository } from './application/volume.repository.js';
export { CreateVolumeCommand, type CreateVolumeInput } from './application/create-volume/create-volume.command.js';
export {
  DEFAULT_AVAILABILITY_ZONE,
  DEFAULT_VOLUME_TYPE,
  DEFAULT_VOLUME_TYPE_ID,
} from './application/create-volume/create-volume.handler.js';
export { AttachVolumeCommand, DetachVolumeCommand } from './application/attach-volume/attach-volume.command.js';
export { GetVolumeQuery } from './application/get-volume/get-volume.query.js';
export { ListVolumesQuery, type VolumePage } from './application/list-volumes/list-volumes.query.js';
export { VolumeEntity } from './infrastructure/volume.entity.js';
export { VolumeProjection } from './infrastructure/volume.projection.js';
export { VolumeReadModel1764000000100 } from './migrations/1764000000100-volume-read-model.js';
export { VolumeListIndexes1764000000400 } from './migrations/1764000000400-volume-list-indexes.js';
export { VolumesModule } from './volumes.module.js';
export { VolumeDecider } from './application/volume-decider.js';
export {
  ExtendVolumeCommand,
  ResetVolumeStatusCommand,
  UpdateVolumeCommand,
  VolumeHandshakeCommand,
  WriteVolumeMetadataCommand,
} from './application/volume-commands/volume.commands.js';
export { DeleteVolumeCommand } from './application/delete-volume/delete-volume.command.js';
export type { VolumeSnapshotRef } from './domain/volume.aggregate.js';
export { AdvanceAttachmentCommand, CreateAttachmentCommand } from './application/attachments/attachment.commands.js';
export { FindAttachmentQuery } from './application/attachments/find-attachment.query.js';
export type { FoundAttachment } from './application/attachments/find-attachment.handler.js';
