import type { Schema } from '../validation/schema.js';
import { description, metadataAllowsNull, nameAllowZeroMinLength, uuid } from '../validation/parameter-types.js';

/** `POST /manageable_snapshots` and legacy `POST /os-snapshot-manage` (`cinder/api/schemas/snapshot_manage.py`). */
export const SNAPSHOT_MANAGE_SCHEMA: Schema = {
  type: 'object',
  properties: {
    snapshot: {
      type: 'object',
      properties: {
        description,
        metadata: metadataAllowsNull,
        name: nameAllowZeroMinLength,
        volume_id: uuid,
        ref: { type: ['object', 'null', 'string'] },
      },
      required: ['ref', 'volume_id'],
      additionalProperties: false,
    },
  },
  required: ['snapshot'],
  additionalProperties: false,
};
