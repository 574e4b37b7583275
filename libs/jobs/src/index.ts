export {
  STORAGE_QUEUE,
  StorageJobNames,
  jobsFor,
  type StorageJob,
  type StorageJobData,
  type StorageJobName,
} from './storage-jobs.js';
export { BullJobScheduler, JOB_SCHEDULER, STORAGE_JOB_OPTIONS, type JobScheduler } from './job-scheduler.js';
