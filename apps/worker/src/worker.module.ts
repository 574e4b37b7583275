import { Module, type DynamicModule } from '@nestjs/common';
import { EmberConfig } from '#ember/config';
import { BullJobScheduler, JOB_SCHEDULER } from '#ember/jobs';
import { PlatformModule, storageProvider } from '#ember/platform';
import { SnapshotsModule } from '#ember/snapshots';
import { VolumesModule } from '#ember/volumes';
import { DispatcherService } from './dispatcher/dispatcher.service.js';
import { AllocateVolumeJob } from './processors/allocate-volume.job.js';
import { CreateSnapshotJob } from './processors/create-snapshot.job.js';
import { DeleteSnapshotJob } from './processors/delete-snapshot.job.js';
import { DeleteVolumeJob } from './processors/delete-volume.job.js';
import { ExtendVolumeJob } from './processors/extend-volume.job.js';
import { RevertVolumeJob } from './processors/revert-volume.job.js';
import { StorageProcessor } from './processors/storage.processor.js';
import { SealerService } from './sealer/sealer.service.js';

/** The worker process: storage jobs, the dispatcher (log → queue), the sealer. Never imported by the API. */
@Module({})
export class WorkerModule {
  static forRoot(config: EmberConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot(config, { applicationName: 'ember-worker' }), VolumesModule, SnapshotsModule],
      providers: [
        // The job producer: only the dispatcher enqueues (from the committed log), and closes it at shutdown.
        { provide: JOB_SCHEDULER, inject: [EmberConfig], useFactory: (c: EmberConfig) => new BullJobScheduler({ url: c.redisUrl }, c.queuePrefix) },
        storageProvider, CreateSnapshotJob, AllocateVolumeJob, DeleteSnapshotJob, ExtendVolumeJob, DeleteVolumeJob, RevertVolumeJob, StorageProcessor, DispatcherService, SealerService],
    };
  }
}
