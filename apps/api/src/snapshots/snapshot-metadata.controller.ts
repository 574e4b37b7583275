import { Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { authorize, metadataBody, metaItemBody, type PolicyRule } from '#ember/cinder';
import {
  DeleteSnapshotMetadataKeyCommand,
  GetSnapshotQuery,
  SnapshotErrors,
  WriteSnapshotMetadataCommand,
  type MetadataWrite,
  type SnapshotEntity,
} from '#ember/snapshots';
import { Req } from '../http/ember-request.decorator.js';
import { routable } from '../http/routable-key.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';

/** `/v3[/{project_id}]/snapshots/{id}/metadata[/{key}]` (no status restriction, as Cinder). */
@Controller('v3/snapshots/:id/metadata')
export class SnapshotMetadataController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  async index(@Req() req: EmberRequest, @Param('id') id: string) {
    return { metadata: (await this.load(req, id, 'volume:get_snapshot_metadata')).metadata };
  }

  @Post()
  @HttpCode(200)
  async merge(@Req() req: EmberRequest, @Param('id') id: string) {
    return { metadata: await this.write(req, id, 'merge', metadataBody(req.body)) };
  }

  @Put()
  async replace(@Req() req: EmberRequest, @Param('id') id: string) {
    return { metadata: await this.write(req, id, 'replace', metadataBody(req.body)) };
  }

  @Get(':key')
  async show(@Req() req: EmberRequest, @Param('id') id: string, @Param('key') key: string) {
    routable(key);
    const { metadata } = await this.load(req, id, 'volume:get_snapshot_metadata');
    if (!Object.hasOwn(metadata, key)) throw SnapshotErrors.metadataKeyNotFound(id, key);
    return { meta: { [key]: metadata[key] } };
  }

  @Put(':key')
  async set(@Req() req: EmberRequest, @Param('id') id: string, @Param('key') key: string) {
    routable(key);
    const item = metaItemBody(req.body, key);
    await this.write(req, id, 'merge', item);
    return { meta: item };
  }

  @Delete(':key')
  @HttpCode(200)
  async remove(@Req() req: EmberRequest, @Param('id') id: string, @Param('key') key: string): Promise<void> {
    routable(key);
    await this.load(req, id, 'volume:delete_snapshot_metadata');
    await this.commands.execute(new DeleteSnapshotMetadataKeyCommand(id, key, commandContext(req)));
  }

  private async write(req: EmberRequest, id: string, mode: MetadataWrite, metadata: Record<string, string>) {
    await this.load(req, id, 'volume:update_snapshot_metadata');
    return this.commands.execute<WriteSnapshotMetadataCommand, Record<string, string>>(
      new WriteSnapshotMetadataCommand(id, mode, metadata, commandContext(req)),
    );
  }

  private async load(req: EmberRequest, id: string, rule: PolicyRule): Promise<SnapshotEntity> {
    const actor = commandContext(req).actor;
    const row = await this.queries.execute<GetSnapshotQuery, SnapshotEntity>(new GetSnapshotQuery(id, actor));
    authorize(actor, rule, row.projectId);
    return row;
  }
}

