import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventStore, microsNow, type AppendResult, type NewEvent } from '#ember/event-store';
import { metadataFor, snapshotStream, stamp, type CommandContext } from '#ember/kernel';
import type { SnapshotState } from '../domain/snapshot.aggregate.js';
import { SnapshotErrors } from '../domain/snapshot.errors.js';
import { SnapshotRepository } from './snapshot.repository.js';

export type SnapshotDecision = (state: SnapshotState, at: string) => Omit<NewEvent, 'eventId'>[];

/**
 * The shape of every command on an existing snapshot: load it (a snapshot the caller may not see,
 * or one already deleted, is not found), decide, append at the version decided on.
 */
@Injectable()
export class SnapshotDecider {
  constructor(
    private readonly snapshots: SnapshotRepository,
    private readonly store: EventStore,
  ) {}

  async decide(snapshotId: string, ctx: CommandContext, decision: SnapshotDecision): Promise<{ state: SnapshotState; result: AppendResult }> {
    const state = await this.snapshots.load(snapshotId);
    if (!state || state.deleted || (!ctx.actor.isAdmin && state.projectId !== ctx.actor.projectId)) {
      throw SnapshotErrors.notFound(snapshotId);
    }
    const events = stamp(decision(state, microsNow()), metadataFor(ctx, randomUUID()));
    const result = await this.store.append({ streamId: snapshotStream(snapshotId), expectedVersion: state.version, events });
    return { state, result };
  }
}
