import { Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { authorize, metadataBody, metaItemBody, type PolicyRule } from '#ember/cinder';
import { Req } from './ember-request.decorator.js';
import { commandContext, type EmberRequest } from './request-context.js';
import { routable } from './routable-key.js';

export type MetadataWrite = 'merge' | 'replace' | { remove: string };

/**
 * Cinder's metadata routes (`GET/POST/PUT …/metadata`, `GET/PUT/DELETE …/metadata/{key}`), the same for
 * snapshots and volumes; a subclass says how to load the resource and write its metadata.
 */
export abstract class MetadataController {
  protected abstract readonly rules: { read: PolicyRule; update: PolicyRule; remove: PolicyRule };
  /** The resource as the caller may see it (not found otherwise). */
  protected abstract load(req: EmberRequest, id: string): Promise<{ projectId: string; metadata: Record<string, string> }>;
  /** Applies a write; answers with the whole metadata afterwards. */
  protected abstract write(req: EmberRequest, id: string, mode: MetadataWrite, metadata: Record<string, string>): Promise<unknown>;
  protected abstract keyNotFound(id: string, key: string): Error;

  @Get()
  async index(@Req() req: EmberRequest, @Param('id') id: string) {
    return { metadata: (await this.authorized(req, id, this.rules.read)).metadata };
  }

  @Post()
  @HttpCode(200)
  async merge(@Req() req: EmberRequest, @Param('id') id: string) {
    const metadata = metadataBody(req.body);
    await this.authorized(req, id, this.rules.update);
    return { metadata: await this.write(req, id, 'merge', metadata) };
  }

  @Put()
  async replace(@Req() req: EmberRequest, @Param('id') id: string) {
    const metadata = metadataBody(req.body);
    await this.authorized(req, id, this.rules.update);
    return { metadata: await this.write(req, id, 'replace', metadata) };
  }

  @Get(':key')
  async show(@Req() req: EmberRequest, @Param('id') id: string, @Param('key') key: string) {
    routable(key);
    const { metadata } = await this.authorized(req, id, this.rules.read);
    if (!Object.hasOwn(metadata, key)) throw this.keyNotFound(id, key);
    return { meta: { [key]: metadata[key] } };
  }

  @Put(':key')
  async set(@Req() req: EmberRequest, @Param('id') id: string, @Param('key') key: string) {
    routable(key);
    const item = metaItemBody(req.body, key);
    await this.authorized(req, id, this.rules.update);
    await this.write(req, id, 'merge', item);
    return { meta: item };
  }

  @Delete(':key')
  @HttpCode(200)
  async remove(@Req() req: EmberRequest, @Param('id') id: string, @Param('key') key: string): Promise<void> {
    routable(key);
    await this.authorized(req, id, this.rules.remove);
    await this.write(req, id, { remove: key }, {});
  }

  /** Cinder loads the resource (404) before it checks policy (403). */
  private async authorized(req: EmberRequest, id: string, rule: PolicyRule) {
    const resource = await this.load(req, id);
    authorize(commandContext(req).actor, rule, resource.projectId);
    return resource;
  }
}
