import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '#ember/event-store';
import type { CommandContext } from './actor.js';

/** Event metadata for a command issued by an API request: the request is the correlation root. */
export function metadataFor(ctx: CommandContext, causationId: string): EventMetadata {
  const { actor, request } = ctx;
  return {
    requestId: request.requestId,
    ...(request.globalRequestId ? { globalRequestId: request.globalRequestId } : {}),
    userId: actor.userId,
    projectId: actor.projectId,
    roles: actor.roles,
    authMode: request.authMode,
    ...(request.clientAddress ? { clientAddress: request.clientAddress } : {}),
    ...(request.instance ? { instance: request.instance } : {}),
    causationId,
    correlationId: request.requestId,
  };
}

/** Gives decided events their ids and metadata. */
export function stamp(events: Omit<NewEvent, 'eventId'>[], metadata: EventMetadata): NewEvent[] {
  return events.map((e) => ({ ...e, eventId: randomUUID(), metadata }));
}
