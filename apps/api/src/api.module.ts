import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { EmberConfig } from '#ember/config';
import { PlatformModule, storageProvider } from '#ember/platform';
import { QuotasModule } from '#ember/quotas';
import { SnapshotsModule } from '#ember/snapshots';
import { VolumesModule } from '#ember/volumes';
import { AttachmentsController } from './attachments/attachments.controller.js';
import { AuditController } from './audit/audit.controller.js';
import { CinderExceptionFilter } from './errors/cinder-exception.filter.js';
import { LimitsController } from './limits/limits.controller.js';
import { ManageableSnapshotsController } from './manageable-snapshots/manageable-snapshots.controller.js';
import { OpenStackClientShimsController } from './quotas/openstack-client-shims.controller.js';
import { QuotaSetsController } from './quotas/quota-sets.controller.js';
import { SnapshotActions } from './snapshots/snapshot-actions.js';
import { SnapshotMetadataController } from './snapshots/snapshot-metadata.controller.js';
import { SnapshotListsController } from './snapshots/snapshot-lists.controller.js';
import { SnapshotsController } from './snapshots/snapshots.controller.js';
import { VersionsController } from './versions/versions.controller.js';
import { VolumeActions } from './volumes/volume-actions.js';
import { VolumeMetadataController } from './volumes/volume-metadata.controller.js';
import { VolumeListsController } from './volumes/volume-lists.controller.js';
import { VolumesController } from './volumes/volumes.controller.js';
import { ResourceFiltersController } from './resource-filters/resource-filters.controller.js';

/** The Cinder v3 HTTP API. Imports no processor: this process never consumes jobs. */
@Module({})
export class ApiModule {
  static forRoot(config: EmberConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot(config, { applicationName: 'ember-api' }), CqrsModule.forRoot(), VolumesModule, SnapshotsModule, QuotasModule],
      controllers: [VersionsController, ManageableSnapshotsController, SnapshotMetadataController, SnapshotListsController, SnapshotsController, VolumeMetadataController, VolumeListsController, VolumesController, AttachmentsController, ResourceFiltersController, QuotaSetsController, LimitsController, OpenStackClientShimsController, AuditController],
      providers: [storageProvider, VolumeActions, SnapshotActions, { provide: APP_FILTER, useClass: CinderExceptionFilter }],
    };
  }
}
