/** What a job handler needs to know of a BullMQ job. */
export interface JobRun<T> {
  id?: string;
  data: T;
  /** True when this is the last attempt BullMQ will make: a transient error must now fail the resource. */
  isFinalAttempt: boolean;
}
