import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventStore, microsNow, type AppendResult, type NewEvent } from '#ember/event-store';
import { metadataFor, stamp, volumeStream, type CommandContext } from '#ember/kernel';
import type { VolumeState } from '../domain/volume.aggregate.js';
import { VolumeErrors } from '../domain/volume.errors.js';
import { VolumeRepository } from './volume.repository.js';

export type VolumeDecision = (state: VolumeState, at: string) => Omit<NewEvent, 'eventId'>[];

/** Every command on an existing volume: load (invisible or deleted → not found), decide, append at that version. */
@Injectable()
export class VolumeDecider {
  constructor(
    private readonly volumes: VolumeRepository,
    private readonly store: EventStore,
  ) {}

  async decide(volumeId: string, ctx: CommandContext, decision: VolumeDecision): Promise<{ state: VolumeState; result: AppendResult }> {
    const state = await this.volumes.load(volumeId);
    if (!state || state.deleted || (!ctx.actor.isAdmin && state.projectId !== ctx.actor.projectId)) {
      throw VolumeErrors.notFound(volumeId);
    }
    const events = stamp(decision(state, microsNow()), metadataFor(ctx, randomUUID()));
    const result = await this.store.append({ streamId: volumeStream(volumeId), expectedVersion: state.version, events });
    return { state, result };
  }
}
