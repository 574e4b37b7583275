import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AttachVolumeHandler, DetachVolumeHandler } from './application/attach-volume/attach-volume.handler.js';
import { CreateVolumeHandler } from './application/create-volume/create-volume.handler.js';
import { GetVolumeHandler } from './application/get-volume/get-volume.handler.js';
import { ListVolumesHandler } from './application/list-volumes/list-volumes.handler.js';
import { AdvanceAttachmentHandler, CreateAttachmentHandler } from './application/attachments/attachment.handlers.js';
import { FindAttachmentHandler } from './application/attachments/find-attachment.handler.js';
import { DeleteVolumeHandler } from './application/delete-volume/delete-volume.handler.js';
import {
  ExtendVolumeHandler,
  ResetVolumeStatusHandler,
  UpdateVolumeHandler,
  VolumeHandshakeHandler,
  WriteVolumeMetadataHandler,
} from './application/volume-commands/volume-command.handlers.js';
import { VolumeDecider } from './application/volume-decider.js';
import { VolumeRepository } from './application/volume.repository.js';

/** Volume use cases. Needs EventStore and DataSource from the app's infrastructure. */
@Module({
  imports: [CqrsModule],
  providers: [
    VolumeRepository,
    VolumeDecider,
    CreateVolumeHandler,
    AttachVolumeHandler,
    DetachVolumeHandler,
    GetVolumeHandler,
    ListVolumesHandler,
    UpdateVolumeHandler,
    WriteVolumeMetadataHandler,
    ResetVolumeStatusHandler,
    ExtendVolumeHandler,
    DeleteVolumeHandler,
    VolumeHandshakeHandler,
    CreateAttachmentHandler,
    AdvanceAttachmentHandler,
    FindAttachmentHandler,
  ],
  exports: [VolumeRepository],
})
export class VolumesModule {}
