import { BadRequest, NotFound } from '../errors/client.errors.js';
import type { ApiVersion } from '../microversions/api-version.js';
import { pyStrip } from '../python/py-strip.js';
import { SCHEDULER_HINTS_SCHEMA } from '../schemas/scheduler-hints.schema.js';
import { volumeCreateSchema } from '../schemas/volume-create.schema.js';
import { parseBooleanStrict } from './parse-boolean-strict.js';
import { canonicalUuid } from './uuid-like.js';
import { validateSchema } from './validate-schema.js';
import { volumeSize } from './volume-size.js';

/** A `POST /volumes` body after Cinder's checks, reduced to what Ember supports. */
export interface VolumeCreateInput {
  /** GiB; null when it must come from `snapshotId`/`sourceVolid` (the caller fills it in, never smaller). */
  size: number | null;
  /** `name` or legacy `display_name` (`name` wins), stripped. */
  name: string | null;
  description: string | null;
  metadata: Record<string, string>;
  /** Canonical UUIDs of the source to clone from, if any (at most one of the two). */
  snapshotId: string | null;
  sourceVolid: string | null;
  /** Volume type name or id to look up (404 `Volume type with name <x> could not be found.`); null = default. */
  volumeType: string | null;
  availabilityZone: string | null;
}

const MULTIATTACH_REMOVED =
  'multiattach parameter has been removed. The default behavior is to use multiattach enabled volume types. ' +
  'Contact your administrator to create a multiattach enabled volume type and use it to create multiattach volumes.';

/**
 * Validates a volume-create body like `cinder/api/v3/volumes.py` `create` at `version`. The keys the
 * openstack CLI always sends as null (`consistencygroup_id`, `imageRef`, `backup_id`, …) are accepted;
 * Ember has no groups, images or backups, so a non-null one gets the answer Cinder gives for an unknown id.
 * @throws BadRequest | NotFound with Cinder's messages.
 */
export function validateVolumeCreate(body: unknown, version: ApiVersion): VolumeCreateInput {
  validateSchema(body, volumeCreateSchema(version));
  const hints = (body as Record<string, unknown>)['OS-SCH-HNT:scheduler_hints'];
  if (hints != null) validateSchema({ 'OS-SCH-HNT:scheduler_hints': hints }, SCHEDULER_HINTS_SCHEMA);
  const v = (body as { volume: Record<string, unknown> }).volume;
  const text = (value: unknown): string | null => (typeof value === 'string' ? pyStrip(value) : null);
  const groupId = v.consistencygroup_id ?? v.group_id;
  if (groupId != null) throw new NotFound(`Group ${String(groupId)} could not be found.`);
  if ((v.imageRef ?? v.image_id) != null) {
    throw new BadRequest('Invalid image identifier or unable to access requested image.');
  }
  if (v.backup_id) throw new NotFound(`Backup ${String(v.backup_id)} could not be found.`);
  const snapshotId = v.snapshot_id == null ? null : canonicalUuid(v.snapshot_id)!;
  const sourceVolid = v.source_volid == null ? null : canonicalUuid(v.source_volid)!;
  // A null multiattach passes Cinder's schema and then trips get_bool_param ("Value 'None' … is not a
  // boolean."); we take null as "not requested".
  if (v.multiattach != null && parseBooleanStrict(v.multiattach)) throw new BadRequest(MULTIATTACH_REMOVED);
  if (snapshotId && sourceVolid) {
    throw new BadRequest('Invalid input received: May specify only one of backup, imageRef, snapshot, source volume');
  }
  return {
    size: volumeSize(v.size, snapshotId !== null || sourceVolid !== null),
    name: text(Object.hasOwn(v, 'name') ? v.name : v.display_name),
    description: text(Object.hasOwn(v, 'description') ? v.description : v.display_description),
    metadata: (v.metadata ?? {}) as Record<string, string>,
    snapshotId,
    sourceVolid,
    volumeType: typeof v.volume_type === 'string' && v.volume_type !== '' ? v.volume_type : null,
    availabilityZone: (v.availability_zone as string | null | undefined) ?? null,
  };
}
