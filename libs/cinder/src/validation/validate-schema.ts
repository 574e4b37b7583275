import { BadRequest } from '../errors/client.errors.js';
import { pyStr } from '../python/py-repr.js';
import { firstViolation } from './first-violation.js';
import type { Schema, SchemaViolation } from './schema.js';

/**
 * Cinder's 400 text for a schema violation (`validators._SchemaValidator.validate`): the innermost key
 * of the path and Python `str()` of the offending value, or the bare jsonschema message at the root.
 */
export function schemaViolationMessage(violation: SchemaViolation): string {
  const field = violation.path.at(-1);
  if (field === undefined) return violation.message;
  return `Invalid input for field/attribute ${field}. Value: ${pyStr(violation.instance)}. ${violation.message}`;
}

/** Throws {@link BadRequest} with Cinder's message when `body` violates `schema`. */
export function validateSchema(body: unknown, schema: Schema): void {
  const violation = firstViolation(body, schema);
  if (violation) throw new BadRequest(schemaViolationMessage(violation));
}
