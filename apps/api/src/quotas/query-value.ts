/** A query parameter as webob's `params.get` reads it: the last value when it is repeated. */
export function lastQueryValue(value: unknown): string | undefined {
  const last = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last : undefined;
}
