import { optionalUuid, uuid, UUID_FORMAT } from '../validation/parameter-types.js';
import type { Schema } from '../validation/schema.js';

const volumeIds: Schema = {
  oneOf: [
    { type: 'string', format: UUID_FORMAT },
    { type: 'array', items: uuid, uniqueItems: true },
  ],
};

/**
 * `OS-SCH-HNT:scheduler_hints` beside `volume` in a volume create (`cinder/api/schemas/scheduler_hints.py`),
 * checked only when not null. Ember has one backend, so the hints are validated and then ignored.
 */
export const SCHEDULER_HINTS_SCHEMA: Schema = {
  type: 'object',
  properties: {
    'OS-SCH-HNT:scheduler_hints': {
      type: ['object', 'null'],
      properties: {
        local_to_instance: optionalUuid,
        different_host: volumeIds,
        same_host: volumeIds,
        query: { type: ['string', 'object'] },
      },
      additionalProperties: true,
    },
  },
};
