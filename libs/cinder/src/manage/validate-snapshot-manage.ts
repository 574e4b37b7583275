import { BadRequest } from '../errors/client.errors.js';
import { pyStrip } from '../python/py-strip.js';
import { SNAPSHOT_MANAGE_SCHEMA } from '../schemas/snapshot-manage.schema.js';
import { canonicalUuid } from '../validation/uuid-like.js';
import { validateSchema } from '../validation/validate-schema.js';

export interface SnapshotManageInput {
  volumeId: string;
  volumeIdAsGiven: string;
  /** The backend data to adopt: `ref["source-name"]` (or `source-id`), or `ref` itself when a string. */
  ref: string;
  name: string | null;
  description: string | null;
  metadata: Record<string, string>;
}

/** Validates a manage-existing body as Cinder, and reads the reference the file backend understands. */
export function validateSnapshotManage(body: unknown): SnapshotManageInput {
  validateSchema(body, SNAPSHOT_MANAGE_SCHEMA);
  const s = (body as { snapshot: Record<string, unknown> }).snapshot;
  const rawRef = s.ref as Record<string, unknown> | string | null;
  const ref = typeof rawRef === 'string' ? rawRef : (rawRef?.['source-name'] ?? rawRef?.['source-id']);
  if (typeof ref !== 'string' || ref === '') {
    // Cinder's drivers refuse such references the same way (ManageExistingInvalidReference).
    throw new BadRequest(`Manage existing snapshot failed due to invalid backend reference ${JSON.stringify(rawRef)}: source-name or source-id is required.`);
  }
  const text = (v: unknown): string | null => (typeof v === 'string' ? pyStrip(v) : null);
  return {
    volumeId: canonicalUuid(s.volume_id as string)!,
    volumeIdAsGiven: s.volume_id as string,
    ref,
    name: text(s.name),
    description: text(s.description),
    metadata: (s.metadata ?? {}) as Record<string, string>,
  };
}
