import { pyStrip } from '../python/py-strip.js';
import { SNAPSHOT_UPDATE_SCHEMA } from '../schemas/snapshot-update.schema.js';
import { validateSchema } from './validate-schema.js';

/** The changes a snapshot update asks for; a key is present only when the body set it. */
export interface SnapshotUpdateInput {
  name?: string | null;
  description?: string | null;
}

/**
 * Validates a `PUT /snapshots/{id}` body like Cinder and returns the stripped changes; `name`/`description`
 * win over their legacy `display_*` aliases when both are sent.
 * @throws BadRequest with Cinder's message.
 */
export function validateSnapshotUpdate(body: unknown): SnapshotUpdateInput {
  validateSchema(body, SNAPSHOT_UPDATE_SCHEMA);
  const s = (body as { snapshot: Record<string, unknown> }).snapshot;
  const text = (v: unknown): string | null => (typeof v === 'string' ? pyStrip(v) : null);
  const pick = (key: string, legacy: string): [string, unknown] | undefined => {
    if (Object.hasOwn(s, key)) return [key, s[key]];
    return Object.hasOwn(s, legacy) ? [legacy, s[legacy]] : undefined;
  };
  const changes: SnapshotUpdateInput = {};
  const name = pick('name', 'display_name');
  const desc = pick('description', 'display_description');
  if (name) changes.name = text(name[1]);
  if (desc) changes.description = text(desc[1]);
  return changes;
}
