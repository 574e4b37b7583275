import { compareCodePoints } from '../python/code-point-compare.js';
import { pyRepr, pyStrRepr } from '../python/py-repr.js';
import type { Schema, SchemaViolation } from './schema.js';
import { isJsonObject, VALUE_KEYWORDS } from './value-keywords.js';

type Path = readonly (string | number)[];

/**
 * The first violation of `schema` by `instance`, in the order jsonschema's `iter_errors` finds them
 * (keywords in schema key order, properties in schema order), or undefined when the value is valid.
 */
export function firstViolation(instance: unknown, schema: Schema, path: Path = []): SchemaViolation | undefined {
  for (const keyword of Object.keys(schema)) {
    const found = checkKeyword(keyword, instance, schema, path);
    if (found) return found;
  }
  return undefined;
}

function checkKeyword(keyword: string, instance: unknown, schema: Schema, path: Path): SchemaViolation | undefined {
  const here = (message: string | undefined): SchemaViolation | undefined =>
    message === undefined ? undefined : { path, instance, message };
  const valueCheck = VALUE_KEYWORDS[keyword];
  if (valueCheck) return here(valueCheck(instance, schema));
  if (keyword === 'oneOf' || keyword === 'anyOf') {
    const valid = schema[keyword]!.filter((sub) => firstViolation(instance, sub) === undefined).length;
    if (valid === 0) return here(`${pyRepr(instance)} is not valid under any of the given schemas`);
    // jsonschema lists the matching schemas here; Ember's schemas never have overlapping branches.
    if (keyword === 'oneOf' && valid > 1) return here(`${pyRepr(instance)} is valid under each of the given schemas`);
    return undefined;
  }
  if (keyword === 'items' && Array.isArray(instance)) {
    for (const [index, item] of instance.entries()) {
      const found = firstViolation(item, schema.items!, [...path, index]);
      if (found) return found;
    }
  }
  if (!isJsonObject(instance)) return undefined;
  if (keyword === 'properties') {
    for (const [name, sub] of Object.entries(schema.properties!)) {
      const found = Object.hasOwn(instance, name) ? firstViolation(instance[name], sub, [...path, name]) : undefined;
      if (found) return found;
    }
  }
  if (keyword === 'patternProperties') {
    for (const [pattern, sub] of schema.patternProperties!) {
      for (const [key, value] of Object.entries(instance)) {
        const found = pattern.test(key) ? firstViolation(value, sub, [...path, key]) : undefined;
        if (found) return found;
      }
    }
  }
  if (keyword === 'required') {
    const missing = schema.required!.find((name) => !Object.hasOwn(instance, name));
    return here(missing === undefined ? undefined : `${pyStrRepr(missing)} is a required property`);
  }
  if (keyword === 'additionalProperties' && schema.additionalProperties === false) {
    return here(additionalPropertiesMessage(instance, schema));
  }
  return undefined;
}

function additionalPropertiesMessage(instance: Record<string, unknown>, schema: Schema): string | undefined {
  const patterns = schema.patternProperties ?? [];
  const extras = Object.keys(instance)
    .filter((key) => !Object.hasOwn(schema.properties ?? {}, key) && !patterns.some(([p]) => p.test(key)))
    .sort(compareCodePoints);
  if (extras.length === 0) return undefined;
  const joined = extras.map((e) => pyStrRepr(e)).join(', ');
  if (patterns.length === 0) {
    return `Additional properties are not allowed (${joined} ${extras.length === 1 ? 'was' : 'were'} unexpected)`;
  }
  const regexes = patterns.map(([p]) => p.source).sort(compareCodePoints).map((s) => pyStrRepr(s)).join(', ');
  return `${joined} ${extras.length === 1 ? 'does' : 'do'} not match any of the regexes: ${regexes}`;
}
