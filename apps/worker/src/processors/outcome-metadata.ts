import type { EventMetadata } from '#ember/event-store';
import type { StorageJobData } from '#ember/jobs';
import { instanceId } from '#ember/kernel';

/** Metadata of an event a job appends: same request and correlation as the event that asked for it. */
export function outcomeMetadata(job: { id?: string; data: StorageJobData }): EventMetadata {
  const cause = job.data.causationMetadata;
  return {
    ...(cause.requestId ? { requestId: cause.requestId } : {}),
    ...(cause.globalRequestId ? { globalRequestId: cause.globalRequestId } : {}),
    ...(cause.userId ? { userId: cause.userId } : {}),
    ...(cause.projectId ? { projectId: cause.projectId } : {}),
    // The requester's roles and address, so an outcome names the same request facts as its cause.
    ...(cause.roles ? { roles: cause.roles } : {}),
    ...(cause.clientAddress ? { clientAddress: cause.clientAddress } : {}),
    authMode: 'worker',
    causationId: job.data.causationEventId,
    correlationId: cause.correlationId ?? cause.requestId,
    jobId: job.id,
    // This worker process, not the API process that took the request (that one is on the cause).
    instance: instanceId(),
  };
}
