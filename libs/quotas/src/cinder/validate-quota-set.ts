import {
  BadRequest,
  codePointLength,
  pyRepr,
  pyStr,
  pyStrip,
  schemaViolationMessage,
  validateSchema,
  type Schema,
  type SchemaFormat,
} from '#ember/cinder';
import { isQuotaKey, NON_QUOTA_KEYS } from '../domain/quota-keys.js';

/** `db.MAX_INT`: limits are 32-bit columns in Cinder. */
const MAX_LIMIT = 0x7fffffff;
const PY_INT = /^[+-]?\d+(?:_\d+)*$/;

/**
 * Cinder's `quota_set` format checker (`validators._validate_quota_set`), keys in body order: a value that
 * is no integer in -1..MAX_INT fails at once (oslo `validate_integer`, via Python `int(str(v))`), unknown keys
 * are collected and reported together at the end. `minProperties: 1` comes first in Cinder's schema.
 */
const QUOTA_SET_FORMAT: SchemaFormat = {
  name: 'quota_set',
  check(value) {
    const set = value as Record<string, unknown>;
    if (Object.keys(set).length === 0) {
      const message = `${pyRepr(set)} does not have enough properties`;
      throw new BadRequest(schemaViolationMessage({ path: ['quota_set'], instance: set, message }));
    }
    const bad: string[] = [];
    for (const [key, v] of Object.entries(set)) {
      if (NON_QUOTA_KEYS.includes(key)) continue;
      if (!isQuotaKey(key)) bad.push(key);
      else pyValidateInteger(v, key);
    }
    if (bad.length > 0) throw new BadRequest(`Invalid input received: Bad key(s) in quota set: ${bad.join(', ')}`);
    return true;
  },
};

/** `cinder/api/schemas/quotas.py` `update_quota`. */
const UPDATE_QUOTA_SCHEMA: Schema = {
  type: 'object',
  properties: { quota_set: { type: 'object', format: QUOTA_SET_FORMAT } },
  required: ['quota_set'],
  additionalProperties: false,
};

/**
 * Validates a `PUT os-quota-sets/{id}` body like Cinder and returns the limits to set, in body order
 * (`tenant_id`/`id` dropped).
 *
 * Cinder then compares each value with the usage; an integer given as a string breaks that comparison
 * (a TypeError, answered with webob's generic 400), except for `per_volume_gigabytes`, which it skips.
 * @throws BadRequest with Cinder's message.
 */
export function validateQuotaSetUpdate(body: unknown): Record<string, number> {
  validateSchema(body, UPDATE_QUOTA_SCHEMA);
  const limits: Record<string, number> = {};
  for (const [key, value] of Object.entries((body as { quota_set: Record<string, unknown> }).quota_set)) {
    if (NON_QUOTA_KEYS.includes(key)) continue;
    if (typeof value === 'string' && key !== 'per_volume_gigabytes') throw new BadRequest();
    limits[key] = Number(typeof value === 'string' ? pyStrip(value).replaceAll('_', '') : value);
  }
  return limits;
}

/**
 * oslo `strutils.validate_integer(value, name, -1, MAX_INT)`: Python `int(str(value))`, then the range.
 * @throws BadRequest `<name> must be an integer` / `must be >= -1` / `must be <= 2147483647`.
 */
function pyValidateInteger(value: unknown, name: string): void {
  const text = typeof value === 'string' ? pyStrip(value) : pyStr(value);
  const integral = typeof value === 'number' ? Number.isInteger(value) : typeof value === 'string' && PY_INT.test(text);
  if (!integral) throw new BadRequest(`${name} must be an integer`);
  const n = typeof value === 'number' ? BigInt(value) : BigInt(text.replaceAll('_', ''));
  if (n < -1n) throw new BadRequest(`${name} must be >= -1`);
  if (n > BigInt(MAX_LIMIT)) throw new BadRequest(`${name} must be <= ${MAX_LIMIT}`);
}

/**
 * `validate_string_length(id, 'quota_set_name', 1, 255)` on the target of an update (code points, as Python;
 * a URL segment is never empty).
 * @throws BadRequest `Invalid input received: quota_set_name has <n> characters, more than 255.`
 */
export function validateQuotaSetName(id: string): void {
  const length = codePointLength(id);
  if (length > 255) throw new BadRequest(`Invalid input received: quota_set_name has ${length} characters, more than 255.`);
}
