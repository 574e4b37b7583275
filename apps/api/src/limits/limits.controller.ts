import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiVersion, isAllowed } from '#ember/cinder';
import { GetQuotasQuery, limitsView, type ProjectQuotas } from '#ember/quotas';
import { Req } from '../http/ember-request.decorator.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';
import { lastQueryValue } from '../quotas/query-value.js';

/** `LIMITS_ADMIN_FILTER`: from 3.39 an admin may ask for another project's limits. */
const LIMITS_ADMIN_FILTER = ApiVersion.of('3.39');

/** `/v3[/{project_id}]/limits` (`cinder/api/v3/limits.py` + the `os-used-limits` extension). */
@Controller('v3/limits')
export class LimitsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  async index(@Req() req: EmberRequest) {
    const actor = commandContext(req).actor;
    const asked = actor.isAdmin && req.ember.apiVersion.atLeast(LIMITS_ADMIN_FILTER);
    const projectId = (asked && (lastQueryValue(req.query.project_id) ?? lastQueryValue(req.query.tenant_id))) || actor.projectId;
    const quotas = await this.queries.execute<GetQuotasQuery, ProjectQuotas>(new GetQuotasQuery(projectId));
    // A soft rule, as Cinder's: callers who fail it get the limits without the usage.
    return limitsView(quotas, isAllowed(actor, 'limits_extension:used_limits'));
  }
}
