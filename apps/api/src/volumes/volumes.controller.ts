import { Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { EmberConfig } from '#ember/config';
import {
  authorize,
  BadRequest,
  Microversions,
  parseBooleanParam,
  validateVolumeCreate,
  validateVolumeUpdate,
  volumeDetail,
  type VolumeCreateInput,
} from '#ember/cinder';
import type { Actor } from '#ember/kernel';
import { GetSnapshotQuery, type SnapshotEntity } from '#ember/snapshots';
import {
  CreateVolumeCommand,
  DeleteVolumeCommand,
  GetVolumeQuery,
  UpdateVolumeCommand,
  VolumeErrors,
  WriteVolumeMetadataCommand,
  type VolumeEntity,
} from '#ember/volumes';
import { baseUrlOf } from '../http/base-url.js';
import { Req } from '../http/ember-request.decorator.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';
import { VolumeActions } from './volume-actions.js';
import { volumeView } from './volume-view.js';

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
    const { size, source } = await this.sourceOf(input, ctx.actor);
    const id = await this.commands.execute<CreateVolumeCommand, string>(
      new CreateVolumeCommand(
        {
          size,
          source,
          name: input.name,
          description: input.description,
          metadata: input.metadata,
          availabilityZone: input.availabilityZone,
          volumeType: input.volumeType,
        },
        ctx,
      ),
    );
    // The 202 shows the volume as accepted, even if a fast worker already allocated it.
    return { volume: { ...(await this.view(req, id, false)), status: 'creating', updated_at: null } };
  }

  @Get(':id')
  async show(@Req() req: EmberRequest, @Param('id') id: string) {
    return { volume: await this.view(req, id) };
  }

  @Put(':id')
  async update(@Req() req: EmberRequest, @Param('id') id: string) {
    const { metadata, ...change } = validateVolumeUpdate(req.body);
    const ctx = commandContext(req);
    const row = await this.queries.execute<GetVolumeQuery, VolumeEntity>(new GetVolumeQuery(id, ctx.actor));
    authorize(ctx.actor, 'volume:update', row.projectId);
    if (Object.keys(change).length > 0) await this.commands.execute(new UpdateVolumeCommand(id, change, ctx));
    if (metadata) await this.commands.execute(new WriteVolumeMetadataCommand(id, 'merge', metadata, ctx));
    return { volume: await this.view(req, id, false) };
  }

  @Delete(':id')
  @HttpCode(202)
  async remove(@Req() req: EmberRequest, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<void> {
    const ctx = commandContext(req);
    const cascade = query.cascade === undefined ? false : parseBooleanParam('cascade', query.cascade);
    // `force` (skip the status rule) is an admin option from 3.23.
    const force =
      req.ember.apiVersion.atLeast(Microversions.VOLUME_DELETE_FORCE) && query.force !== undefined
        ? parseBooleanParam('force', query.force)
        : false;
    const row = await this.queries.execute<GetVolumeQuery, VolumeEntity>(new GetVolumeQuery(id, ctx.actor));
    authorize(ctx.actor, 'volume:delete', row.projectId);
    if (force) authorize(ctx.actor, 'volume_extension:volume_admin_actions:force_delete', row.projectId);
    await this.commands.execute(new DeleteVolumeCommand(id, { cascade, force }, ctx));
  }

  @Post(':id/action')
  @HttpCode(202)
  async action(@Req() req: EmberRequest, @Param('id') id: string): Promise<void> {
    await this.actions.run(req, id);
  }

  /** Cinder's rules for a volume made from a snapshot or another volume (size defaults to the source's). */
  private async sourceOf(input: VolumeCreateInput, actor: Actor) {
    if (input.snapshotId !== null) {
      const snap = await this.queries.execute<GetSnapshotQuery, SnapshotEntity>(new GetSnapshotQuery(input.snapshotId, actor));
      if (snap.status !== 'available' || !snap.checksum) throw VolumeErrors.sourceSnapshotNotAvailable();
      const size = input.size ?? snap.size;
      if (size < snap.size) {
        throw new BadRequest(`Invalid input received: Volume size '${size}'GB cannot be smaller than the snapshot size ${snap.size}GB. They must be >= original snapshot size.`);
      }
      return { size, source: { snapshotId: snap.id, checksum: snap.checksum } };
    }
    if (input.sourceVolid !== null) {
      const src = await this.queries.execute<GetVolumeQuery, VolumeEntity>(new GetVolumeQuery(input.sourceVolid, actor));
      const size = input.size ?? src.size;
      if (size < src.size) {
        throw new BadRequest(`Invalid input received: Volume size '${size}'GB cannot be smaller than original volume size  ${src.size}GB. They must be >= original volume size.`);
      }
      return { size, source: { sourceVolid: src.id } };
    }
    // validateVolumeCreate requires a size when there is no source.
    return { size: input.size!, source: undefined };
  }

  private async view(req: EmberRequest, id: string, extendedAttributes = true) {
    const auth = req.ember.auth!;
    const actor = commandContext(req).actor;
    const row = await this.queries.execute<GetVolumeQuery, VolumeEntity>(new GetVolumeQuery(id, actor));
    authorize(actor, 'volume:get', row.projectId);
    const view = volumeView(row, this.config.backendHost);
    return volumeDetail(view, req.ember.apiVersion, {
      baseUrl: baseUrlOf(req, this.config.publicEndpoint),
      projectInUrl: req.ember.projectInUrl,
      admin: auth.isAdmin,
      extendedAttributes,
    });
  }
}

