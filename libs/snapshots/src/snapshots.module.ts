import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { VolumesModule } from '#ember/volumes';
import { CreateSnapshotHandler } from './application/create-snapshot/create-snapshot.handler.js';
import { GetSnapshotHandler } from './application/get-snapshot/get-snapshot.handler.js';
import { SnapshotRepository } from './application/snapshot.repository.js';

/** Snapshot use cases. Needs EventStore, DataSource and JOB_SCHEDULER from the app's infrastructure. */
@Module({
  imports: [CqrsModule, VolumesModule],
  providers: [SnapshotRepository, CreateSnapshotHandler, GetSnapshotHandler],
  exports: [SnapshotRepository],
})
export class SnapshotsModule {}
