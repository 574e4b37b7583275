import type { PyPattern } from './py-pattern.js';

/** JSON-schema (draft 4) type names as Cinder's schemas use them. */
export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

/**
 * A named `format` check. `check` may also throw a CinderHttpError itself, like Cinder's format functions
 * that raise `InvalidInput` past the validator.
 */
export interface SchemaFormat {
  readonly name: string;
  check(value: unknown): boolean;
}

/**
 * The subset of JSON Schema Cinder's request schemas use. Keywords are checked in the object's key order,
 * and the first failure is reported — write them in the order of Cinder's Python dicts to get the same message.
 */
export interface Schema {
  readonly type?: JsonType | readonly JsonType[];
  readonly enum?: readonly (string | number | boolean | null)[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: PyPattern;
  readonly format?: SchemaFormat;
  /** Cinder's validator also applies these to numeric strings (`'10'`), converted Python-style. */
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: Schema;
  readonly uniqueItems?: boolean;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly patternProperties?: ReadonlyArray<readonly [PyPattern, Schema]>;
  readonly additionalProperties?: boolean;
  readonly required?: readonly string[];
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
}

/** One schema violation: where (`path` of keys from the body root), on what value, and jsonschema's text. */
export interface SchemaViolation {
  readonly path: readonly (string | number)[];
  readonly instance: unknown;
  readonly message: string;
}
