import { Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { authorize, BadRequest, canonicalUuid, Microversions, NotFound, type PolicyRule } from '#ember/cinder';
import { EmberConfig } from '#ember/config';
import {
  AdvanceAttachmentCommand,
  CreateAttachmentCommand,
  DetachVolumeCommand,
  FindAttachmentQuery,
  GetVolumeQuery,
  type FoundAttachment,
  type VolumeEntity,
} from '#ember/volumes';
import { Req } from '../http/ember-request.decorator.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';

type Body = Record<string, unknown>;
const isDict = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The attachments API (3.27; `os-complete` 3.44): what makes a volume `reserved`, `attaching`, `in-use`. */
@Controller('v3/attachments')
export class AttachmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly config: EmberConfig,
  ) {}

  @Post()
  @HttpCode(200)
  async create(@Req() req: EmberRequest) {
    this.requireMicroversion(req, Microversions.NEW_ATTACH);
    const body = req.body as Body | undefined;
    const a = isDict(body) && isDict(body.attachment) ? body.attachment : null;
    if (!a || typeof a.volume_uuid !== 'string') {
      throw new BadRequest("Invalid input for field/attribute attachment. 'volume_uuid' is a required property");
    }
    const ctx = commandContext(req);
    const volume = await this.queries.execute<GetVolumeQuery, VolumeEntity>(new GetVolumeQuery(canonicalUuid(a.volume_uuid) ?? a.volume_uuid, ctx.actor));
    authorize(ctx.actor, 'volume:attachment_create', volume.projectId);
    const mode = req.ember.apiVersion.atLeast(Microversions.ATTACHMENT_CREATE_MODE_ARG) && a.mode === 'ro' ? 'ro' : 'rw';
    const connector = isDict(a.connector) ? a.connector : null;
    const instanceUuid = typeof a.instance_uuid === 'string' ? a.instance_uuid : null;
    const id = await this.commands.execute<CreateAttachmentCommand, string>(
      new CreateAttachmentCommand(volume.id, { instanceUuid, connector, mode }, ctx),
    );
    return { attachment: await this.view(req, id) };
  }

  @Get(':id')
  async show(@Req() req: EmberRequest, @Param('id') id: string) {
    this.requireMicroversion(req, Microversions.NEW_ATTACH);
    return { attachment: await this.view(req, id) };
  }

  @Put(':id')
  async update(@Req() req: EmberRequest, @Param('id') id: string) {
    this.requireMicroversion(req, Microversions.NEW_ATTACH);
    const body = req.body as Body | undefined;
    const connector = isDict(body) && isDict(body.attachment) ? body.attachment.connector : undefined;
    if (!isDict(connector)) throw new BadRequest("Invalid input for field/attribute attachment. 'connector' is a required property");
    const found = await this.found(req, id, 'volume:attachment_update');
    await this.commands.execute(new AdvanceAttachmentCommand(found.volume.id, id, { connector }, commandContext(req)));
    return { attachment: await this.view(req, id) };
  }

  @Post(':id/action')
  @HttpCode(204)
  async action(@Req() req: EmberRequest, @Param('id') id: string): Promise<void> {
    this.requireMicroversion(req, Microversions.NEW_ATTACH_COMPLETION);
    const body = req.body as Body | undefined;
    if (!isDict(body) || !('os-complete' in body)) throw new BadRequest('Malformed request body');
    const found = await this.found(req, id, 'volume:attachment_complete');
    await this.commands.execute(new AdvanceAttachmentCommand(found.volume.id, id, 'complete', commandContext(req)));
  }

  @Delete(':id')
  async remove(@Req() req: EmberRequest, @Param('id') id: string) {
    this.requireMicroversion(req, Microversions.NEW_ATTACH);
    const found = await this.found(req, id, 'volume:attachment_delete');
    await this.commands.execute(new DetachVolumeCommand(found.volume.id, id, commandContext(req)));
    return { attachments: [] };
  }

  private requireMicroversion(req: EmberRequest, min: typeof Microversions.NEW_ATTACH): void {
    if (!req.ember.apiVersion.atLeast(min)) throw new NotFound();
  }

  private async found(req: EmberRequest, id: string, rule: PolicyRule): Promise<FoundAttachment> {
    const actor = commandContext(req).actor;
    const found = await this.queries.execute<FindAttachmentQuery, FoundAttachment>(new FindAttachmentQuery(id, actor));
    authorize(actor, rule, found.volume.projectId);
    return found;
  }

  /** Cinder's attachment view; a connected attachment carries the (file backend) connection info. */
  private async view(req: EmberRequest, id: string) {
    const { volume, attachment: a } = await this.found(req, id, 'volume:get');
    const status = (a.status as string | undefined) ?? 'attached';
    return {
      id,
      status,
      instance: a.instanceUuid ?? null,
      volume_id: volume.id,
      attached_at: a.attachedAt ?? null,
      detached_at: null,
      attach_mode: a.mode,
      connection_info:
        status === 'reserved' ? {} : { driver_volume_type: 'local', data: { device_path: `${this.config.dataDir}/volumes/${volume.id}.img` } },
    };
  }
}
