import { description, nameAllowZeroMinLength } from '../validation/parameter-types.js';
import type { Schema } from '../validation/schema.js';

/** `PUT /snapshots/{id}` body (`cinder/api/schemas/snapshots.py` `update`): at least one of the four fields. */
export const SNAPSHOT_UPDATE_SCHEMA: Schema = {
  type: 'object',
  properties: {
    snapshot: {
      type: 'object',
      properties: {
        name: nameAllowZeroMinLength,
        description,
        display_name: nameAllowZeroMinLength,
        display_description: description,
      },
      additionalProperties: false,
      anyOf: [
        { required: ['name'] },
        { required: ['description'] },
        { required: ['display_name'] },
        { required: ['display_description'] },
      ],
    },
  },
  required: ['snapshot'],
  additionalProperties: false,
};
