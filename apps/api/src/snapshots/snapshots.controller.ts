import { Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  authorize,
  isAllowed,
  snapshotCreateResponse,
  snapshotDetail,
  snapshotForceMode,
  validateSnapshotCreate,
  validateSnapshotUpdate,
} from '#ember/cinder';
import { DomainError } from '#ember/kernel';
import {
  CreateSnapshotCommand,
  DeleteSnapshotCommand,
  GetSnapshotQuery,
  UpdateSnapshotCommand,
  type SnapshotEntity,
} from '#ember/snapshots';
import { VolumeErrors } from '#ember/volumes';
import { Req } from '../http/ember-request.decorator.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';
import { SnapshotActions } from './snapshot-actions.js';

/** `/v3[/{project_id}]/snapshots`: translates Cinder requests into commands and read models into views. */
@Controller('v3/snapshots')
export class SnapshotsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly actions: SnapshotActions,
  ) {}

  @Post()
  @HttpCode(202)
  async create(@Req() req: EmberRequest) {
    const input = validateSnapshotCreate(req.body);
    const ctx = commandContext(req);
    // Cinder looks the volume up before it reads `force`: an unknown volume is a 404 whatever the flag.
    const volumeId = input.volumeId;
    if (volumeId === null) throw VolumeErrors.notFound('None');
    const v = req.ember.apiVersion;
    const row = await this.commands
      .execute<CreateSnapshotCommand, SnapshotEntity>(
        new CreateSnapshotCommand(
          { volumeId, name: input.name, description: input.description, metadata: input.metadata, allowInUse: false },
          ctx,
          (projectId) => {
            authorize(ctx.actor, 'volume:create_snapshot', projectId);
            return snapshotForceMode(input.force, v);
          },
        ),
      )
      .catch((e: unknown) => {
        // Cinder's message names the id as the client wrote it.
        const notFound = e instanceof DomainError && e.code === 'VOLUME_NOT_FOUND';
        throw notFound ? VolumeErrors.notFound(input.volumeIdAsGiven ?? volumeId) : e;
      });
    return { snapshot: snapshotCreateResponse(row, v) };
  }

  @Get(':id')
  async show(@Req() req: EmberRequest, @Param('id') id: string) {
    const actor = commandContext(req).actor;
    const row = await this.queries.execute<GetSnapshotQuery, SnapshotEntity>(new GetSnapshotQuery(id, actor));
    authorize(actor, 'volume:get_snapshot', row.projectId);
    // A soft rule, as Cinder's: callers who fail it just don't see the extension keys.
    const extendedAttributes = isAllowed(actor, 'volume_extension:extended_snapshot_attributes', row.projectId);
    return { snapshot: snapshotDetail(row, req.ember.apiVersion, { extendedAttributes }) };
  }

  @Put(':id')
  async update(@Req() req: EmberRequest, @Param('id') id: string) {
    const change = validateSnapshotUpdate(req.body);
    const ctx = commandContext(req);
    const before = await this.queries.execute<GetSnapshotQuery, SnapshotEntity>(new GetSnapshotQuery(id, ctx.actor));
    authorize(ctx.actor, 'volume:update_snapshot', before.projectId);
    await this.commands.execute(new UpdateSnapshotCommand(id, change, ctx));
    const row = await this.queries.execute<GetSnapshotQuery, SnapshotEntity>(new GetSnapshotQuery(id, ctx.actor));
    return { snapshot: snapshotCreateResponse(row, req.ember.apiVersion) };
  }

  @Delete(':id')
  @HttpCode(202)
  async remove(@Req() req: EmberRequest, @Param('id') id: string): Promise<void> {
    const ctx = commandContext(req);
    const row = await this.queries.execute<GetSnapshotQuery, SnapshotEntity>(new GetSnapshotQuery(id, ctx.actor));
    authorize(ctx.actor, 'volume:delete_snapshot', row.projectId);
    await this.commands.execute(new DeleteSnapshotCommand(id, { force: false, unmanage: false }, ctx));
  }

  @Post(':id/action')
  @HttpCode(202)
  async action(@Req() req: EmberRequest, @Param('id') id: string): Promise<void> {
    await this.actions.run(req, id);
  }
}
