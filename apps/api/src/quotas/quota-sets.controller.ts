import { Controller, Delete, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { authorize, parseBooleanParam } from '#ember/cinder';
import {
  GetQuotasQuery,
  quotaSetView,
  ResetQuotasCommand,
  SetQuotasCommand,
  validateQuotaSetName,
  validateQuotaSetUpdate,
  type ProjectQuotas,
} from '#ember/quotas';
import { Req } from '../http/ember-request.decorator.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';
import { lastQueryValue } from './query-value.js';

/** `/v3[/{project_id}]/os-quota-sets/{target}` (`cinder/api/contrib/quotas.py`), checks in Cinder's order. */
@Controller('v3/os-quota-sets')
export class QuotaSetsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':target')
  async show(@Req() req: EmberRequest, @Param('target') target: string) {
    authorize(commandContext(req).actor, 'volume_extension:quotas:show', target);
    const raw = lastQueryValue(req.query.usage);
    const usage = raw === undefined ? false : parseBooleanParam('usage', raw);
    return quotaSetView(await this.quotas(target), { usage });
  }

  @Get(':target/defaults')
  async defaults(@Req() req: EmberRequest, @Param('target') target: string) {
    authorize(commandContext(req).actor, 'volume_extension:quotas:show', target);
    return quotaSetView(await this.quotas(target, true));
  }

  @Put(':target')
  async update(@Req() req: EmberRequest, @Param('target') target: string) {
    // Cinder validates the body (a decorator) before the controller authorizes.
    const limits = validateQuotaSetUpdate(req.body);
    const ctx = commandContext(req);
    authorize(ctx.actor, 'volume_extension:quotas:update', target);
    validateQuotaSetName(target);
    await this.commands.execute(new SetQuotasCommand(target, limits, ctx));
    return quotaSetView(await this.quotas(target), { withId: false });
  }

  @Delete(':target')
  @HttpCode(200)
  async delete(@Req() req: EmberRequest, @Param('target') target: string, @Res({ passthrough: true }) res: Response) {
    const ctx = commandContext(req);
    authorize(ctx.actor, 'volume_extension:quotas:delete', target);
    await this.commands.execute(new ResetQuotasCommand(target, ctx));
    // Cinder answers an empty 200 that still says JSON.
    res.setHeader('Content-Type', 'application/json');
  }

  private quotas(projectId: string, defaultsOnly = false): Promise<ProjectQuotas> {
    return this.queries.execute<GetQuotasQuery, ProjectQuotas>(new GetQuotasQuery(projectId, defaultsOnly));
  }
}
