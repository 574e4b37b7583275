import { pyStrip } from '../python/py-strip.js';
import { SNAPSHOT_CREATE_SCHEMA } from '../schemas/snapshot-create.schema.js';
import { parseBooleanStrict } from './parse-boolean-strict.js';
import { canonicalUuid } from './uuid-like.js';
import { validateSchema } from './validate-schema.js';

/** A `POST /snapshots` body after Cinder's schema check and clean-up. */
export interface SnapshotCreateInput {
  /**
   * Canonical lower-case hyphenated UUID, or null when the client sent `null` (Cinder then answers
   * 404 `Volume None could not be found.`). Cinder looks the raw text up, so only the case-insensitive DB
   * collation finds upper-case ids and `{…}`/`urn:uuid:`/unhyphenated forms are a 404; we find them all.
   */
  volumeId: string | null;
  /** The text as sent, for a `Volume <id> could not be found.` message identical to Cinder's. */
  volumeIdAsGiven: string | null;
  /** `name` (or legacy `display_name`; `name` wins when both are present, even when null), stripped. */
  name: string | null;
  /** Stripped. */
  description: string | null;
  /** The `force` flag as a boolean, undefined when absent; see {@link snapshotForceMode} for its meaning. */
  force: boolean | undefined;
  metadata: Record<string, string>;
}

type Body = { snapshot: Record<string, unknown> };

/**
 * Validates a snapshot-create body exactly as Cinder does and normalises it.
 * @throws BadRequest with Cinder's message (`'snapshot' is a required property`,
 *   `Invalid input for field/attribute …`).
 */
export function validateSnapshotCreate(body: unknown): SnapshotCreateInput {
  validateSchema(body, SNAPSHOT_CREATE_SCHEMA);
  const s = (body as Body).snapshot;
  const rawVolumeId = s.volume_id as string | null;
  const name = (Object.hasOwn(s, 'name') ? s.name : s.display_name) as string | null | undefined;
  const text = (v: unknown): string | null => (typeof v === 'string' ? pyStrip(v) : null);
  return {
    volumeId: rawVolumeId === null ? null : canonicalUuid(rawVolumeId)!,
    volumeIdAsGiven: rawVolumeId,
    name: text(name),
    description: text(s.description),
    force: s.force === undefined ? undefined : parseBooleanStrict(s.force),
    metadata: (s.metadata ?? {}) as Record<string, string>,
  };
}
