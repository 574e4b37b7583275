import { BadRequest } from '../errors/client.errors.js';
import { pyStrip } from '../python/py-strip.js';
import { description, metadataAllowsNull, nameAllowZeroMinLength } from '../validation/parameter-types.js';
import type { Schema } from '../validation/schema.js';
import { validateSchema } from '../validation/validate-schema.js';

/** `PUT /volumes/{id}` (`cinder/api/schemas/volumes.py` `update`). */
const VOLUME_UPDATE_SCHEMA: Schema = {
  type: 'object',
  properties: {
    volume: {
      type: 'object',
      properties: {
        description,
        name: nameAllowZeroMinLength,
        display_name: nameAllowZeroMinLength,
        display_description: description,
        metadata: metadataAllowsNull,
      },
      additionalProperties: false,
    },
  },
  required: ['volume'],
  additionalProperties: false,
};

export interface VolumeUpdateInput {
  name?: string | null;
  description?: string | null;
  metadata?: Record<string, string>;
}

export function validateVolumeUpdate(body: unknown): VolumeUpdateInput {
  validateSchema(body, VOLUME_UPDATE_SCHEMA);
  const v = (body as { volume: Record<string, unknown> }).volume;
  const text = (x: unknown): string | null => (typeof x === 'string' ? pyStrip(x) : null);
  const out: VolumeUpdateInput = {};
  if (Object.hasOwn(v, 'name') || Object.hasOwn(v, 'display_name')) out.name = text(Object.hasOwn(v, 'name') ? v.name : v.display_name);
  if (Object.hasOwn(v, 'description') || Object.hasOwn(v, 'display_description')) {
    out.description = text(Object.hasOwn(v, 'description') ? v.description : v.display_description);
  }
  if (v.metadata) out.metadata = v.metadata as Record<string, string>;
  return out;
}

/** Cinder's volume statuses accepted by `os-reset_status`. */
const VOLUME_STATUSES = [
  'creating', 'available', 'reserved', 'attaching', 'detaching', 'in-use', 'maintenance', 'deleting', 'awaiting-transfer',
  'error', 'error_deleting', 'backing-up', 'restoring-backup', 'error_backing-up', 'error_restoring', 'error_extending',
  'downloading', 'uploading', 'retyping', 'extending',
];
const ATTACH_STATUSES = ['attached', 'attaching', 'detached', 'reserved', 'error_attaching', 'error_detaching', 'deleted'];
const MIGRATION_STATUSES = ['migrating', 'error', 'success', 'completing', 'none', 'starting'];

/** `{"os-reset_status": {"status"?, "attach_status"?, "migration_status"?}}` (admin_actions schema). */
export function validateResetVolumeStatus(body: unknown): { status?: string; attachStatus?: string; migrationStatus?: string | null } {
  const args = (body as Record<string, unknown>)['os-reset_status'];
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new BadRequest("Invalid input for field/attribute os-reset_status. Value: None. None is not of type 'object'");
  }
  const a = args as Record<string, unknown>;
  const check = (key: string, allowed: string[]) => {
    const value = a[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !allowed.includes(value.toLowerCase())) {
      throw new BadRequest(`Invalid input received: ${key} ${String(value)} is not a valid value.`);
    }
    return value.toLowerCase();
  };
  const status = check('status', VOLUME_STATUSES);
  const attachStatus = check('attach_status', ATTACH_STATUSES);
  const migration = check('migration_status', MIGRATION_STATUSES);
  if (status === undefined && attachStatus === undefined && migration === undefined) {
    throw new BadRequest("Must specify 'status', 'attach_status' or 'migration_status' for update.");
  }
  return {
    ...(status !== undefined ? { status } : {}),
    ...(attachStatus !== undefined ? { attachStatus } : {}),
    ...(migration !== undefined ? { migrationStatus: migration === 'none' ? null : migration } : {}),
  };
}

/** `{"os-extend": {"new_size": <int or digit string>}}`. */
export function validateExtendVolume(body: unknown): number {
  const args = (body as Record<string, unknown>)['os-extend'] as Record<string, unknown> | null;
  const raw = args && typeof args === 'object' ? args.new_size : undefined;
  if (raw === undefined) throw new BadRequest("Invalid input for field/attribute os-extend. Value: None. 'new_size' is a required property");
  const size = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 2147483647) {
    throw new BadRequest(`Invalid input for field/attribute new_size. Value: ${String(raw)}. ${String(raw)} is not valid under any of the given schemas`);
  }
  return size;
}
