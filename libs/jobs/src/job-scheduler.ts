import { Queue, type JobsOptions } from 'bullmq';
import type { StorageJob } from './storage-jobs.js';
import { STORAGE_QUEUE } from './storage-jobs.js';

/** Port: puts storage jobs on the queue. Idempotent by job id. */
export interface JobScheduler {
  schedule(jobs: readonly StorageJob[]): Promise<void>;
  close(): Promise<void>;
}

export const JOB_SCHEDULER = Symbol('JOB_SCHEDULER');

/** Retries with backoff for transient failures; finished jobs are kept a while so re-drives dedupe. */
export const STORAGE_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** BullMQ producer (no worker: safe to use from the API). */
export class BullJobScheduler implements JobScheduler {
  readonly queue: Queue;

  constructor(connection: { url: string }, prefix: string) {
    this.queue = new Queue(STORAGE_QUEUE, {
      connection: { url: connection.url, maxRetriesPerRequest: null, enableOfflineQueue: true },
      prefix,
      defaultJobOptions: STORAGE_JOB_OPTIONS,
    });
  }

  async schedule(jobs: readonly StorageJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(jobs.map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.jobId } })));
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
