import { BadRequest } from '../errors/client.errors.js';
import { codePointLength } from '../python/code-point-length.js';
import { pyStrip } from '../python/py-strip.js';
import type { SchemaFormat } from './schema.js';

/**
 * Cinder's `*_non_mandatory_remove_white_spaces` formats: the stripped text may be at most 255 characters.
 * Their failure is not a schema error but an `InvalidInput` escaping the validator, hence the different
 * message, e.g. `Invalid input received: name has 256 characters, more than 255.`
 */
function strippedLengthFormat(name: string, entity: string): SchemaFormat {
  return {
    name,
    check: (value) => {
      if (typeof value !== 'string' || value === '') return true;
      const length = codePointLength(pyStrip(value));
      if (length <= 255) return true;
      throw new BadRequest(`Invalid input received: ${entity} has ${length} characters, more than 255.`);
    },
  };
}

/** Volume `name`/`display_name` (the message always says `name`). */
export const NAME_REMOVE_WHITE_SPACES = strippedLengthFormat('name_non_mandatory_remove_white_spaces', 'name');

/** Volume `description`/`display_description` (the message always says `description`). */
export const DESCRIPTION_REMOVE_WHITE_SPACES = strippedLengthFormat(
  'description_non_mandatory_remove_white_spaces',
  'description',
);
