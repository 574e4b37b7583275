import type { Schema, SchemaFormat } from './schema.js';
import { DESCRIPTION_PATTERN } from './description-pattern.js';
import { pyPattern } from './py-pattern.js';
import { isUuidLike } from './uuid-like.js';

// Cinder's shared schema fragments (`cinder/api/validation/parameter_types.py`, CINDER-API.md §1.2),
// keyword order kept so the first reported error is the one Cinder reports.

/** `format: uuid` = oslo `is_uuid_like`. */
export const UUID_FORMAT: SchemaFormat = { name: 'uuid', check: isUuidLike };

export const nameAllowZeroMinLength: Schema = { type: ['string', 'null'], minLength: 0, maxLength: 255 };

export const description: Schema = {
  type: ['string', 'null'],
  minLength: 0,
  maxLength: 255,
  pattern: DESCRIPTION_PATTERN,
};

/** Exactly these values, case-sensitive: `"T"`, `"Y"`, `1` and `null` are refused. */
export const boolean: Schema = {
  type: ['boolean', 'string'],
  // prettier-ignore
  enum: [true, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', 'y', 't',
    false, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no', 'n', 'f'],
};

export const optionalBoolean: Schema = { oneOf: [{ type: 'null' }, boolean] };

export const uuid: Schema = { type: 'string', format: UUID_FORMAT };

export const uuidAllowNull: Schema = { oneOf: [uuid, { type: 'null' }] };

export const optionalUuid: Schema = { oneOf: [{ type: 'null' }, uuid] };

/** Metadata keys: ASCII letters, digits, `-_:. /`, 1–255 long (Python reads the `-` after `0-9` as a literal). */
export const METADATA_KEY_PATTERN = pyPattern('^[a-zA-Z0-9-_:. /]{1,255}$', /^[a-zA-Z0-9\-_:. /]{1,255}$/);

/** `metadata_allows_null`: values strings ≤255 (a null value is refused), unknown key shapes refused. */
export const metadataAllowsNull: Schema = {
  type: ['object', 'null'],
  patternProperties: [[METADATA_KEY_PATTERN, { type: 'string', maxLength: 255 }]],
  additionalProperties: false,
};

/** `volume_size_allows_null`: an integer or a digit string, 1..2147483647 (`DB_MAX_INT`). */
export const volumeSizeAllowsNull: Schema = {
  type: ['integer', 'string', 'null'],
  pattern: pyPattern('^[0-9]+$', /^[0-9]+$/),
  minimum: 1,
  maximum: 2147483647,
};

export const availabilityZone: Schema = { type: ['string', 'null'], minLength: 1, maxLength: 255 };

export const nullableString255: Schema = { type: ['string', 'null'], minLength: 0, maxLength: 255 };
