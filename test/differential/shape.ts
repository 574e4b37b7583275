/**
 * The shape of a JSON body: key sets and value types, recursively. Timestamps are `time` whether
 * null or not (Cinder's `updated_at` is null until the first change, which depends on history);
 * an array is the set of its distinct element shapes, so lists of different lengths compare equal.
 */
export type Shape = string | { '{}': Record<string, Shape> } | { '[]': Shape[] };

const TIME_KEY = /(^|_)(at|updated)$/;

export function shapeOf(value: unknown, key = ''): Shape {
  if (TIME_KEY.test(key)) return 'time';
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const distinct = new Map<string, Shape>();
    for (const item of value) {
      const s = shapeOf(item);
      distinct.set(JSON.stringify(s), s);
    }
    return { '[]': [...distinct.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, s]) => s) };
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value as object).sort();
    return { '{}': Object.fromEntries(keys.map((k) => [k, shapeOf((value as Record<string, unknown>)[k], k)])) };
  }
  return typeof value;
}

const describe = (s: Shape): string => (typeof s === 'string' ? s : '[]' in s ? 'array' : 'object');

/** Human-readable differences between two shapes, one line each (empty when equal). */
export function shapeDiff(cinder: Shape, ember: Shape, path = '$'): string[] {
  if (JSON.stringify(cinder) === JSON.stringify(ember)) return [];
  if (typeof cinder === 'string' || typeof ember === 'string' || ('[]' in cinder) !== ('[]' in ember)) {
    return [`${path}: Cinder ${describe(cinder)}, Ember ${describe(ember)}`];
  }
  if ('[]' in cinder && '[]' in ember) {
    const [c, e] = [cinder['[]'], ember['[]']];
    if (c.length === 1 && e.length === 1) return shapeDiff(c[0]!, e[0]!, `${path}[]`);
    if (c.length === 0 || e.length === 0) return [`${path}: Cinder ${c.length ? 'has items' : 'empty'}, Ember ${e.length ? 'has items' : 'empty'}`];
    return [`${path}[]: item shapes differ: Cinder ${JSON.stringify(c)}, Ember ${JSON.stringify(e)}`];
  }
  const co = (cinder as { '{}': Record<string, Shape> })['{}'];
  const eo = (ember as { '{}': Record<string, Shape> })['{}'];
  const keys = [...new Set([...Object.keys(co), ...Object.keys(eo)])].sort();
  return keys.flatMap((k) => {
    const p = `${path}.${k}`;
    if (!(k in eo)) return [`${p}: only in Cinder (${describe(co[k]!)})`];
    if (!(k in co)) return [`${p}: only in Ember (${describe(eo[k]!)})`];
    return shapeDiff(co[k]!, eo[k]!, p);
  });
}
