import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { EmberConfig } from '#ember/config';
import { authorize, NotImplemented, validateVolumeCreate, volumeDetail } from '#ember/cinder';
import { CreateVolumeCommand, DEFAULT_VOLUME_TYPE_ID, GetVolumeQuery, type VolumeEntity } from '#ember/volumes';
import { baseUrlOf } from '../http/base-url.js';
import { Req } from '../http/ember-request.decorator.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';
import { VolumeActions } from './volume-actions.js';

/** `/v3[/{project_id}]/volumes`: the volume API snapshots need. */
@Controller('v3/volumes')
export class VolumesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly actions: VolumeActions,
    private readonly config: EmberConfig,
  ) {}

  @Post()
  @HttpCode(202)
  async create(@Req() req: EmberRequest) {
    const input = validateVolumeCreate(req.body, req.ember.apiVersion);
    const ctx = commandContext(req);
    authorize(ctx.actor, 'volume:create');
    if (input.snapshotId !== null || input.sourceVolid !== null || input.size === null) {
      // Restoring from a snapshot and cloning are not built yet: refuse plainly rather than half-do it.
      throw new NotImplemented('Creating a volume from a snapshot or another volume is not supported yet.');
    }
    const id = await this.commands.execute<CreateVolumeCommand, string>(
      new CreateVolumeCommand(
        {
          size: input.size,
          name: input.name,
          description: input.description,
          metadata: input.metadata,
          availabilityZone: input.availabilityZone,
          volumeType: input.volumeType,
        },
        ctx,
      ),
    );
    return { volume: await this.view(req, id, false) };
  }

  @Get(':id')
  async show(@Req() req: EmberRequest, @Param('id') id: string) {
    return { volume: await this.view(req, id) };
  }

  @Post(':id/action')
  @HttpCode(202)
  async action(@Req() req: EmberRequest, @Param('id') id: string): Promise<void> {
    await this.actions.run(req, id);
  }

  private async view(req: EmberRequest, id: string, extendedAttributes = true) {
    const auth = req.ember.auth!;
    const actor = commandContext(req).actor;
    const row = await this.queries.execute<GetVolumeQuery, VolumeEntity>(new GetVolumeQuery(id, actor));
    authorize(actor, 'volume:get', row.projectId);
    const view = {
      ...row,
      volumeTypeId: DEFAULT_VOLUME_TYPE_ID,
      bootable: false,
      multiattach: false,
      consumesQuota: true,
      migrationStatus: null,
    };
    return volumeDetail(view, req.ember.apiVersion, {
      baseUrl: baseUrlOf(req, this.config.publicEndpoint),
      projectInUrl: req.ember.projectInUrl,
      admin: auth.isAdmin,
      extendedAttributes,
    });
  }
}
