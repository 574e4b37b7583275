import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EmberConfig } from '#ember/config';
import { authorize, listBody, nextLink, parseListRequest, QueryParams, volumeDetail, volumeLinks } from '#ember/cinder';
import { ListVolumesQuery, type VolumeEntity, type VolumePage } from '#ember/volumes';
import { baseUrlOf } from '../http/base-url.js';
import { Req } from '../http/ember-request.decorator.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';
import { volumeView } from './volume-view.js';

/**
 * `GET /v3[/{project_id}]/volumes[/detail]`. Registered before {@link VolumesController} so that
 * `detail` is not taken for a volume id.
 */
@Controller('v3/volumes')
export class VolumeListsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly config: EmberConfig,
  ) {}

  @Get()
  async index(@Req() req: EmberRequest) {
    return this.list(req, false);
  }

  @Get('detail')
  async detail(@Req() req: EmberRequest) {
    return this.list(req, true);
  }

  private async list(req: EmberRequest, detail: boolean) {
    const actor = commandContext(req).actor;
    const v = req.ember.apiVersion;
    const query = QueryParams.fromUrl(req.ember.originalUrl);
    // Cinder parses the query before `volume_api.get_all` checks the policy: a bad query is a 400 first.
    const request = parseListRequest('volume', query, v, actor);
    authorize(actor, 'volume:get_all');
    const page = await this.queries.execute<ListVolumesQuery, VolumePage>(new ListVolumesQuery(request, actor));
    if (request.afterMarker) throw request.afterMarker;
    const links = { baseUrl: baseUrlOf(req, this.config.publicEndpoint), projectInUrl: req.ember.projectInUrl };
    const items = page.rows.map((row) =>
      detail
        ? volumeDetail(volumeView(row, this.config.backendHost), v, { ...links, admin: actor.isAdmin })
        : { id: row.id, name: row.name, links: volumeLinks(row.id, links) },
    );
    const next = nextLink({
      ...links,
      collection: detail ? 'volumes/detail' : 'volumes',
      query,
      ids: page.rows.map((row) => row.id),
      limit: request.limit,
      count: page.total,
    });
    return listBody('volumes', items, next, page.total);
  }
}
