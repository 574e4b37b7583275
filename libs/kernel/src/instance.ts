import { hostname } from 'node:os';

let id: string | undefined;

/**
 * This process as event metadata and BullMQ name it: `<hostname>:<pid>`. With several API or worker
 * processes (or replicas in containers, each with its own hostname) it tells which one appended an
 * event or ran a job.
 */
export function instanceId(): string {
  return (id ??= `${hostname()}:${process.pid}`);
}
