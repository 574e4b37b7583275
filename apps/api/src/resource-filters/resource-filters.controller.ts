import { Controller, Get } from '@nestjs/common';
import { Microversions, NotFound, QueryParams, resourceFiltersBody } from '#ember/cinder';
import { Req } from '../http/ember-request.decorator.js';
import type { EmberRequest } from '../http/request-context.js';

/**
 * `GET /v3[/{project_id}]/resource_filters[?resource=<name>]` (MV ≥ 3.33, no policy): the filters
 * non-admins may use in list queries, as `cinder/api/v3/resource_filters.py` answers them.
 */
@Controller('v3/resource_filters')
export class ResourceFiltersController {
  @Get()
  index(@Req() req: EmberRequest) {
    if (!req.ember.apiVersion.atLeast(Microversions.RESOURCE_FILTER_CONFIG)) throw new NotFound();
    return resourceFiltersBody(QueryParams.fromUrl(req.ember.originalUrl).get('resource'));
  }
}
