import type { Schema } from '../validation/schema.js';

/** `os-reset_status` (`cinder/api/schemas/admin_actions.py`): the status is checked separately (see below). */
export const RESET_STATUS_SCHEMA: Schema = {
  type: 'object',
  properties: {
    'os-reset_status': {
      type: 'object',
      properties: { status: { type: 'string' } },
      required: ['status'],
      additionalProperties: false,
    },
  },
  required: ['os-reset_status'],
  additionalProperties: false,
};

/** `os-update_snapshot_status` (`cinder/api/schemas/snapshot_actions.py`). */
export const UPDATE_SNAPSHOT_STATUS_SCHEMA: Schema = {
  type: 'object',
  properties: {
    'os-update_snapshot_status': {
      type: 'object',
      properties: { status: { type: 'string' }, progress: { type: 'string' } },
      required: ['status'],
      additionalProperties: false,
    },
  },
  required: ['os-update_snapshot_status'],
  additionalProperties: false,
};
