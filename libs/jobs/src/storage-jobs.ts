import type { EventMetadata, RecordedEvent } from '#ember/event-store';

/** The one queue for storage work; its name, job names, payloads and ids live here only. */
export const STORAGE_QUEUE = 'storage';

export const StorageJobNames = {
  AllocateVolume: 'volume.allocate',
  CreateSnapshot: 'snapshot.create',
  DeleteSnapshot: 'snapshot.delete',
  ExtendVolume: 'volume.extend',
  DeleteVolume: 'volume.delete',
  RevertVolume: 'volume.revert',
} as const;

export type StorageJobName = (typeof StorageJobNames)[keyof typeof StorageJobNames];

/** Every job carries the event that requested it, so its outcome event can name its cause and request. */
export interface StorageJobData {
  /** Aggregate the job works on (volume id or snapshot id). */
  resourceId: string;
  /** The event that requested the work. */
  causationEventId: string;
  causationMetadata: EventMetadata;
}

export interface StorageJob {
  name: StorageJobName;
  /** Derived from the requesting event id: enqueuing twice (dispatcher and API fast path) is harmless. */
  jobId: string;
  data: StorageJobData;
}

const jobNameFor: Record<string, StorageJobName> = {
  'volume.requested.v1': StorageJobNames.AllocateVolume,
  'snapshot.requested.v1': StorageJobNames.CreateSnapshot,
  'snapshot.deletion_requested.v1': StorageJobNames.DeleteSnapshot,
  'volume.extend_requested.v1': StorageJobNames.ExtendVolume,
  'volume.deletion_requested.v1': StorageJobNames.DeleteVolume,
  'volume.revert_requested.v1': StorageJobNames.RevertVolume,
};

/** The storage jobs that committed events ask for (events that request no work map to nothing). */
export function jobsFor(events: readonly RecordedEvent[]): StorageJob[] {
  return events.flatMap((e) => {
    const name = jobNameFor[e.type];
    if (!name) return [];
    const resourceId = e.streamId.slice(e.streamId.indexOf('-') + 1);
    // BullMQ job ids must not contain ':'; uuids don't.
    return [{ name, jobId: e.eventId, data: { resourceId, causationEventId: e.eventId, causationMetadata: e.metadata } }];
  });
}
