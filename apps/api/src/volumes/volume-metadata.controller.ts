import { Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { authorize, metadataBody, metaItemBody, type PolicyRule } from '#ember/cinder';
import { GetVolumeQuery, VolumeErrors, WriteVolumeMetadataCommand, type VolumeEntity } from '#ember/volumes';
import { Req } from '../http/ember-request.decorator.js';
import { routable } from '../http/routable-key.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';

type Write = WriteVolumeMetadataCommand['mode'];

/** `/v3[/{project_id}]/volumes/{id}/metadata[/{key}]`. */
@Controller('v3/volumes/:id/metadata')
export class VolumeMetadataController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  async index(@Req() req: EmberRequest, @Param('id') id: string) {
    return { metadata: (await this.load(req, id, 'volume:get_volume_metadata')).metadata };
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
    const { metadata } = await this.load(req, id, 'volume:get_volume_metadata');
    if (!Object.hasOwn(metadata, key)) throw VolumeErrors.metadataKeyNotFound(id, key);
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
    await this.write(req, id, { remove: key }, {}, 'volume:delete_volume_metadata');
  }

  private async write(req: EmberRequest, id: string, mode: Write, metadata: Record<string, string>, rule: PolicyRule = 'volume:update_volume_metadata') {
    await this.load(req, id, rule);
    return this.commands.execute<WriteVolumeMetadataCommand, Record<string, string>>(
      new WriteVolumeMetadataCommand(id, mode, metadata, commandContext(req)),
    );
  }

  private async load(req: EmberRequest, id: string, rule: PolicyRule): Promise<VolumeEntity> {
    const actor = commandContext(req).actor;
    const row = await this.queries.execute<GetVolumeQuery, VolumeEntity>(new GetVolumeQuery(id, actor));
    authorize(actor, rule, row.projectId);
    return row;
  }
}

