import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { READ_MODEL_TABLES, ReadModelReplay, type ReplayProgress, type SwapReport, type VerifyReport } from '#ember/audit';
import { inlineProjections } from '#ember/platform';

/** What `ember replay` hands its worker thread. */
export interface ReplayJob {
  url: string;
  verify: boolean;
  batchSize?: number;
}

/** What the worker posts back: progress as it goes, then the report or the error. */
export type ReplayMessage =
  | { progress: ReplayProgress }
  | { report: VerifyReport | SwapReport }
  | { error: string; message: string };

const job = workerData as ReplayJob;
const post = (message: ReplayMessage) => parentPort!.postMessage(message);
const replay = new ReadModelReplay(
  { url: job.url, projections: inlineProjections(), tables: READ_MODEL_TABLES },
  { batchSize: job.batchSize, onProgress: (progress) => post({ progress }) },
);
try {
  post({ report: job.verify ? await replay.verify() : await replay.swap() });
} catch (e) {
  post({ error: (e as Error).stack ?? String(e), message: (e as Error).message ?? String(e) });
}
