import { codePointLength } from '../python/code-point-length.js';
import { pyNumberFromValue } from '../python/py-number.js';
import { pyNumberRepr, pyRepr, pyStrRepr } from '../python/py-repr.js';
import type { JsonType, Schema } from './schema.js';

/** Checks one keyword against a value; returns jsonschema's message on failure. */
export type KeywordCheck = (instance: unknown, schema: Schema) => string | undefined;

/** A JSON object (Python dict): not null, not an array. */
export const isJsonObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// Draft 4 types over JSON-decoded values. JSON.parse turns 1.0 into 1, so unlike Python it counts as an integer.
const IS_TYPE: Record<JsonType, (v: unknown) => boolean> = {
  object: isJsonObject,
  array: Array.isArray,
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
};

const failsWith = (failed: boolean, message: () => string): string | undefined => (failed ? message() : undefined);
const isString = (v: unknown): v is string => typeof v === 'string';

/** The value keywords (each ignores values of types it does not apply to, as jsonschema does). */
export const VALUE_KEYWORDS: Record<string, KeywordCheck> = {
  type: (v, s) => {
    const types = typeof s.type === 'string' ? [s.type] : (s.type ?? []);
    const names = types.map((t) => pyStrRepr(t)).join(', ');
    return failsWith(!types.some((t) => IS_TYPE[t](v)), () => `${pyRepr(v)} is not of type ${names}`);
  },
  enum: (v, s) => failsWith(!s.enum!.includes(v as never), () => `${pyRepr(v)} is not one of ${pyRepr(s.enum)}`),
  minLength: (v, s) => failsWith(isString(v) && codePointLength(v) < s.minLength!, () => `${pyRepr(v)} is too short`),
  maxLength: (v, s) => failsWith(isString(v) && codePointLength(v) > s.maxLength!, () => `${pyRepr(v)} is too long`),
  pattern: (v, s) =>
    failsWith(isString(v) && !s.pattern!.test(v), () => `${pyRepr(v)} does not match ${pyStrRepr(s.pattern!.source)}`),
  format: (v, s) => failsWith(!s.format!.check(v), () => `${pyRepr(v)} is not a ${pyStrRepr(s.format!.name)}`),
  minimum: (v, s) => {
    const n = pyNumberFromValue(v);
    return failsWith(n !== undefined && n < s.minimum!, () => `${pyNumberRepr(n!)} is less than the minimum of ${s.minimum}`);
  },
  maximum: (v, s) => {
    const n = pyNumberFromValue(v);
    return failsWith(n !== undefined && n > s.maximum!, () => `${pyNumberRepr(n!)} is greater than the maximum of ${s.maximum}`);
  },
  uniqueItems: (v, s) =>
    failsWith(
      s.uniqueItems === true && Array.isArray(v) && new Set(v.map((e) => JSON.stringify(e))).size < v.length,
      () => `${pyRepr(v)} has non-unique elements`,
    ),
};
