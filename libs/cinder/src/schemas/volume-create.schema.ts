import { Microversions } from '../microversions/microversions.js';
import type { ApiVersion } from '../microversions/api-version.js';
import { DESCRIPTION_REMOVE_WHITE_SPACES, NAME_REMOVE_WHITE_SPACES } from '../validation/length-formats.js';
import {
  availabilityZone,
  metadataAllowsNull,
  nameAllowZeroMinLength,
  nullableString255,
  optionalBoolean,
  optionalUuid,
  volumeSizeAllowsNull,
} from '../validation/parameter-types.js';
import type { Schema } from '../validation/schema.js';

const name: Schema = { type: ['string', 'null'], format: NAME_REMOVE_WHITE_SPACES };
const description: Schema = { type: ['string', 'null'], format: DESCRIPTION_REMOVE_WHITE_SPACES };

const BASE_PROPERTIES: Record<string, Schema> = {
  name,
  description,
  display_name: name,
  display_description: description,
  volume_type: nameAllowZeroMinLength,
  metadata: metadataAllowsNull,
  snapshot_id: optionalUuid,
  source_volid: optionalUuid,
  consistencygroup_id: optionalUuid,
  size: volumeSizeAllowsNull,
  availability_zone: availabilityZone,
  multiattach: optionalBoolean,
  image_id: nullableString255,
  imageRef: nullableString255,
};

/**
 * `POST /volumes` body at `version` (`cinder/api/schemas/volumes.py`): `group_id` from 3.13, `backup_id`
 * from 3.47, and from 3.53 unknown keys in `volume` are refused (before that they are ignored).
 */
export function volumeCreateSchema(version: ApiVersion): Schema {
  const properties = { ...BASE_PROPERTIES };
  if (version.atLeast(Microversions.GROUP_VOLUME)) properties.group_id = nullableString255;
  if (version.atLeast(Microversions.VOLUME_CREATE_FROM_BACKUP)) properties.backup_id = optionalUuid;
  return {
    type: 'object',
    properties: {
      volume: {
        type: 'object',
        properties,
        additionalProperties: !version.atLeast(Microversions.SUPPORT_VOLUME_SCHEMA_CHANGES),
      },
      'OS-SCH-HNT:scheduler_hints': { type: ['object', 'null'] },
    },
    required: ['volume'],
    additionalProperties: false,
  };
}
