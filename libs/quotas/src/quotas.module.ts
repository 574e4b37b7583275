import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetQuotasHandler } from './application/get-quotas/get-quotas.handler.js';
import { ResetQuotasHandler } from './application/reset-quotas/reset-quotas.handler.js';
import { SetQuotasHandler } from './application/set-quotas/set-quotas.handler.js';

/** Quota use cases. Needs EventStore, DataSource and EmberConfig from the app's infrastructure. */
@Module({
  imports: [CqrsModule],
  providers: [GetQuotasHandler, SetQuotasHandler, ResetQuotasHandler],
})
export class QuotasModule {}
