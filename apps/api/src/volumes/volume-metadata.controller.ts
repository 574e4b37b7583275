import { Controller } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GetVolumeQuery, VolumeErrors, WriteVolumeMetadataCommand, type VolumeEntity } from '#ember/volumes';
import { MetadataController, type MetadataWrite } from '../http/metadata.controller.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';

/** `/v3[/{project_id}]/volumes/{id}/metadata[/{key}]`. */
@Controller('v3/volumes/:id/metadata')
export class VolumeMetadataController extends MetadataController {
  protected readonly rules = {
    read: 'volume:get_volume_metadata',
    update: 'volume:update_volume_metadata',
    remove: 'volume:delete_volume_metadata',
  } as const;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  protected load(req: EmberRequest, id: string) {
    return this.queries.execute<GetVolumeQuery, VolumeEntity>(new GetVolumeQuery(id, commandContext(req).actor));
  }

  protected write(req: EmberRequest, id: string, mode: MetadataWrite, metadata: Record<string, string>) {
    return this.commands.execute(new WriteVolumeMetadataCommand(id, mode, metadata, commandContext(req)));
  }

  protected keyNotFound(id: string, key: string) {
    return VolumeErrors.metadataKeyNotFound(id, key);
  }
}
