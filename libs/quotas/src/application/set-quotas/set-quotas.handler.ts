import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, microsNow } from '#ember/event-store';
import { metadataFor, stamp } from '#ember/kernel';
import { QuotaEvents, quotaStream, type QuotaLimitsSet } from '../../domain/quota.events.js';
import { SetQuotasCommand } from './set-quotas.command.js';

/** Records the new limits; the quota guard refuses them (400) if the project already uses more. */
@CommandHandler(SetQuotasCommand)
export class SetQuotasHandler implements ICommandHandler<SetQuotasCommand, void> {
  constructor(private readonly store: EventStore) {}

  async execute({ projectId, limits, ctx }: SetQuotasCommand): Promise<void> {
    const data: QuotaLimitsSet = { projectId, limits, at: microsNow() };
    // Last writer wins, as in Cinder; the guard's project lock orders writers against admissions.
    await this.store.append({
      streamId: quotaStream(projectId),
      expectedVersion: 'any',
      events: stamp([{ type: QuotaEvents.LimitsSet, data: { ...data } }], metadataFor(ctx, projectId)),
    });
  }
}
