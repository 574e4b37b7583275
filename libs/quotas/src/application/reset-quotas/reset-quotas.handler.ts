import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, microsNow } from '#ember/event-store';
import { metadataFor, stamp } from '#ember/kernel';
import { QuotaEvents, quotaStream, type QuotaLimitsReset } from '../../domain/quota.events.js';
import { ResetQuotasCommand } from './reset-quotas.command.js';

/** Records the reset. Like Cinder, no usage check: a project may end up over its defaults. */
@CommandHandler(ResetQuotasCommand)
export class ResetQuotasHandler implements ICommandHandler<ResetQuotasCommand, void> {
  constructor(private readonly store: EventStore) {}

  async execute({ projectId, ctx }: ResetQuotasCommand): Promise<void> {
    const data: QuotaLimitsReset = { projectId, at: microsNow() };
    await this.store.append({
      streamId: quotaStream(projectId),
      expectedVersion: 'any',
      events: stamp([{ type: QuotaEvents.LimitsReset, data: { ...data } }], metadataFor(ctx, projectId)),
    });
  }
}
