import { BadRequest } from '../errors/client.errors.js';
import { validateSchema } from '../validation/validate-schema.js';
import { RESET_STATUS_SCHEMA, UPDATE_SNAPSHOT_STATUS_SCHEMA } from './snapshot-actions.schemas.js';

/** Cinder's SnapshotStatus values, in Cinder's order (it prints them as a Python tuple). */
export const SNAPSHOT_STATUSES = [
  'error', 'available', 'creating', 'deleting', 'deleted', 'updating', 'error_deleting', 'unmanaging', 'backing-up', 'restoring',
] as const;

/** `{"os-reset_status": {"status": …}}` → the status, lower-cased as Cinder stores it. */
export function validateResetSnapshotStatus(body: unknown): string {
  validateSchema(body, RESET_STATUS_SCHEMA);
  const status = (body as { 'os-reset_status': { status: string } })['os-reset_status'].status;
  if (!(SNAPSHOT_STATUSES as readonly string[]).includes(status.toLowerCase())) {
    const valid = `(${SNAPSHOT_STATUSES.map((s) => `'${s}'`).join(', ')})`;
    throw new BadRequest(`Snapshot status: ${status} is invalid, valid statuses are: ${valid}.`);
  }
  return status.toLowerCase();
}

/** `{"os-update_snapshot_status": {"status", "progress"?}}`; progress is `"<0..100>%"`. */
export function validateUpdateSnapshotStatus(body: unknown): { status: string; progress: string | null } {
  validateSchema(body, UPDATE_SNAPSHOT_STATUS_SCHEMA);
  const { status, progress } = (body as { 'os-update_snapshot_status': { status: string; progress?: string } })[
    'os-update_snapshot_status'
  ];
  if (progress !== undefined) {
    const match = /^(\d+)%$/.exec(progress);
    if (!match) throw new BadRequest('Invalid input received: progress must be an integer percentage');
    if (Number(match[1]) > 100) {
      throw new BadRequest('Invalid input received: progress must be an integer percentage between 0 and 100');
    }
  }
  // Cinder stores the progress only when it is truthy.
  return { status, progress: progress ? progress : null };
}
