import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EmberConfig } from '#ember/config';
import {
  authorize,
  isAllowed,
  listBody,
  nextLink,
  parseListRequest,
  QueryParams,
  snapshotDetail,
  snapshotSummary,
} from '#ember/cinder';
import { ListSnapshotsQuery, type SnapshotPage } from '#ember/snapshots';
import { baseUrlOf } from '../http/base-url.js';
import { Req } from '../http/ember-request.decorator.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';

/**
 * `GET /v3[/{project_id}]/snapshots[/detail]`. Registered before {@link SnapshotsController} so that
 * `detail` is not taken for a snapshot id.
 */
@Controller('v3/snapshots')
export class SnapshotListsController {
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
    // Cinder parses the query before `get_all_snapshots` checks the policy: a bad query is a 400 first.
    const request = parseListRequest('snapshot', query, v, actor);
    authorize(actor, 'volume:get_all_snapshots');
    const page = await this.queries.execute<ListSnapshotsQuery, SnapshotPage>(new ListSnapshotsQuery(request, actor));
    if (request.afterMarker) throw request.afterMarker;
    // A soft rule, checked once for the caller's project as Cinder's extension does.
    const extendedAttributes = detail && isAllowed(actor, 'volume_extension:extended_snapshot_attributes');
    const items = page.rows.map((row) => (detail ? snapshotDetail(row, v, { extendedAttributes }) : snapshotSummary(row)));
    const links = nextLink({
      baseUrl: baseUrlOf(req, this.config.publicEndpoint),
      projectInUrl: req.ember.projectInUrl,
      collection: detail ? 'snapshots/detail' : 'snapshots',
      query,
      ids: page.rows.map((row) => row.id),
      limit: request.limit,
      count: page.total,
    });
    return listBody('snapshots', items, links, page.total);
  }
}
