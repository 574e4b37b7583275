import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { EmberConfig } from '#ember/config';
import { poolOf } from '#ember/event-store';
import { countedBy, defaultLimits, QUOTA_KEYS } from '../../domain/quota-keys.js';
import { QuotaLimitEntity } from '../../infrastructure/quota-limit.entity.js';
import { usageOf } from '../../infrastructure/quota-usage.projection.js';
import type { ProjectQuotas } from '../project-quotas.js';
import { quotaDefaultsOf } from '../quota-defaults.js';
import { GetQuotasQuery } from './get-quotas.query.js';

@QueryHandler(GetQuotasQuery)
export class GetQuotasHandler implements IQueryHandler<GetQuotasQuery, ProjectQuotas> {
  constructor(
    private readonly db: DataSource,
    private readonly config: EmberConfig,
  ) {}

  async execute({ projectId, defaultsOnly }: GetQuotasQuery): Promise<ProjectQuotas> {
    const [set, used] = defaultsOnly
      ? [[], new Map<string, number>()]
      : await Promise.all([this.db.getRepository(QuotaLimitEntity).findBy({ projectId }), usageOf(poolOf(this.db), projectId)]);
    const limits = { ...defaultLimits(quotaDefaultsOf(this.config)), ...Object.fromEntries(set.map((l) => [l.resource, l.hardLimit])) };
    // Per-type keys count against the totals' rows: Ember has one volume type.
    const inUse = Object.fromEntries(QUOTA_KEYS.map((k) => [k, used.get(countedBy(k) ?? '') ?? 0]));
    return { projectId, limits, inUse };
  }
}
