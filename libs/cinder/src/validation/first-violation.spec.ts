import { describe, expect, it } from 'vitest';
import { CinderHttpError } from '../errors/cinder-http-error.js';
import { firstViolation } from './first-violation.js';
import { pyPattern } from './py-pattern.js';
import type { Schema } from './schema.js';
import { schemaViolationMessage, validateSchema } from './validate-schema.js';

const OBJ: Schema = {
  type: 'object',
  properties: { a: { type: 'string', maxLength: 2 }, b: { type: 'integer' } },
  required: ['a', 'b'],
  additionalProperties: false,
};

const message = (instance: unknown, schema: Schema) => {
  const v = firstViolation(instance, schema);
  return v && schemaViolationMessage(v);
};

describe('firstViolation (jsonschema iteration order)', () => {
  it('reports properties before required before additionalProperties', () => {
    expect(message({ b: 'x', z: 1 }, OBJ)).toBe("Invalid input for field/attribute b. Value: x. 'x' is not of type 'integer'");
    expect(message({ b: 1, z: 1 }, OBJ)).toBe("'a' is a required property");
    expect(message({ a: 'x', b: 1, z: 1 }, OBJ)).toBe("Additional properties are not allowed ('z' was unexpected)");
  });

  it('visits properties in schema order, not body order', () => {
    expect(message({ b: 'x', a: 'too long' }, OBJ)).toMatch(/^Invalid input for field\/attribute a\./);
  });

  it('lists several unexpected keys sorted, with "were"', () => {
    expect(message({ a: 'x', b: 1, zz: 1, y: 2 }, OBJ)).toBe(
      "Additional properties are not allowed ('y', 'zz' were unexpected)",
    );
  });

  it('names only the innermost key of a nested path', () => {
    const schema: Schema = { type: 'object', properties: { outer: OBJ } };
    expect(message({ outer: { a: 'abc', b: 1 } }, schema)).toBe(
      "Invalid input for field/attribute a. Value: abc. 'abc' is too long",
    );
  });

  it('checks array items and uniqueness', () => {
    const schema: Schema = { type: 'array', items: { type: 'string' }, uniqueItems: true };
    expect(message(['a', 1], schema)).toBe("Invalid input for field/attribute 1. Value: 1. 1 is not of type 'string'");
    expect(message(['a', 'a'], schema)).toBe("['a', 'a'] has non-unique elements");
  });

  it('reports oneOf and anyOf failures on the value as a whole', () => {
    const schema: Schema = { oneOf: [{ type: 'null' }, { type: 'string', minLength: 3 }] };
    expect(message('ab', schema)).toBe("'ab' is not valid under any of the given schemas");
    expect(message({}, { anyOf: [{ required: ['x'] }, { required: ['y'] }] })).toBe(
      '{} is not valid under any of the given schemas',
    );
    expect(message({ y: 1 }, { anyOf: [{ required: ['x'] }, { required: ['y'] }] })).toBeUndefined();
  });

  it('says which keys match none of the patterns when patternProperties are set', () => {
    const schema: Schema = {
      type: 'object',
      patternProperties: [[pyPattern('^[a-z]+$', /^[a-z]+$/), { type: 'string' }]],
      additionalProperties: false,
    };
    expect(message({ ok: 'v', 'B!': 'x' }, schema)).toBe("'B!' does not match any of the regexes: '^[a-z]+$'");
    expect(message({ ok: 1 }, schema)).toBe("Invalid input for field/attribute ok. Value: 1. 1 is not of type 'string'");
  });

  it("compares numeric strings against minimum and maximum, as Cinder's validator does", () => {
    const schema: Schema = { type: ['integer', 'string'], minimum: 1, maximum: 10 };
    expect(message('0', schema)).toBe('0 is less than the minimum of 1');
    expect(message('11', schema)).toBe('11 is greater than the maximum of 10');
    expect(message('abc', schema)).toBeUndefined();
  });

  it('reports a failed format with its name', () => {
    const schema: Schema = { format: { name: 'even', check: (v) => typeof v === 'number' && v % 2 === 0 } };
    expect(message(3, schema)).toBe("3 is not a 'even'");
  });

  it('accepts a valid value', () => {
    expect(firstViolation({ a: 'x', b: 2 }, OBJ)).toBeUndefined();
  });
});

describe('validateSchema', () => {
  it('throws a 400 badRequest with the message', () => {
    try {
      validateSchema([], OBJ);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CinderHttpError);
      expect((e as CinderHttpError).toBody()).toEqual({ badRequest: { code: 400, message: "[] is not of type 'object'" } });
    }
  });
});
