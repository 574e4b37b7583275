import type { Schema } from '../validation/schema.js';
import {
  boolean,
  description,
  metadataAllowsNull,
  nameAllowZeroMinLength,
  uuidAllowNull,
} from '../validation/parameter-types.js';

/**
 * `POST /snapshots` body (`cinder/api/schemas/snapshots.py` `create`). Cinder's schema also lists a stray
 * top-level property `type` whose sub-schema is the string "object", so a body with a top-level `type` key
 * crashes it (500); here that key is simply an unexpected property (400).
 */
export const SNAPSHOT_CREATE_SCHEMA: Schema = {
  type: 'object',
  properties: {
    snapshot: {
      type: 'object',
      properties: {
        name: nameAllowZeroMinLength,
        display_name: nameAllowZeroMinLength,
        description,
        volume_id: uuidAllowNull,
        force: boolean,
        metadata: metadataAllowsNull,
      },
      required: ['volume_id'],
      additionalProperties: false,
    },
  },
  required: ['snapshot'],
  additionalProperties: false,
};
