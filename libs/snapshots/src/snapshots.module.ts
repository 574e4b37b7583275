import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { VolumesModule } from '#ember/volumes';
import { CreateSnapshotHandler } from './application/create-snapshot/create-snapshot.handler.js';
import { GetSnapshotHandler } from './application/get-snapshot/get-snapshot.handler.js';
import { ListSnapshotsHandler } from './application/list-snapshots/list-snapshots.handler.js';
import { DeleteSnapshotHandler } from './application/delete-snapshot/delete-snapshot.handler.js';
import { RevertVolumeHandler } from './application/revert-volume/revert-volume.handler.js';
import { SnapshotDecider } from './application/snapshot-decider.js';
import {
  DeleteSnapshotMetadataKeyHandler,
  WriteSnapshotMetadataHandler,
} from './application/snapshot-metadata/snapshot-metadata.handlers.js';
import { ResetSnapshotStatusHandler, UpdateSnapshotStatusHandler } from './application/snapshot-status/snapshot-status.handlers.js';
import { SnapshotRepository } from './application/snapshot.repository.js';
import { UpdateSnapshotHandler } from './application/update-snapshot/update-snapshot.handler.js';

/** Snapshot use cases. Needs EventStore and DataSource from the app's infrastructure. */
@Module({
  imports: [CqrsModule, VolumesModule],
  providers: [
    SnapshotRepository,
    SnapshotDecider,
    CreateSnapshotHandler,
    GetSnapshotHandler,
    ListSnapshotsHandler,
    UpdateSnapshotHandler,
    WriteSnapshotMetadataHandler,
    DeleteSnapshotMetadataKeyHandler,
    ResetSnapshotStatusHandler,
    UpdateSnapshotStatusHandler,
    DeleteSnapshotHandler,
    RevertVolumeHandler,
  ],
  exports: [SnapshotRepository],
})
export class SnapshotsModule {}
