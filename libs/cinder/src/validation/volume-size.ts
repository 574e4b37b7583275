import { BadRequest } from '../errors/client.errors.js';

/**
 * The `size` of a volume create after the schema (int or digit string, 1..2147483647) passed it:
 * `volume_api.create` also wants a canonical integer text (`is_int_like`: no leading zeros, no trailing
 * newline — which Python's `$` let through the pattern). Null is only allowed with a source to copy it from;
 * Cinder then fails with a TypeError that its fault wrapper turns into webob's generic 400.
 */
export function volumeSize(size: unknown, hasSource: boolean): number | null {
  if (size === null || size === undefined) {
    if (hasSource) return null;
    throw new BadRequest();
  }
  if (typeof size === 'string' && String(Number(size)) !== size) {
    throw new BadRequest(
      `Invalid input received: Invalid volume size provided for create request: ${size} ` +
        '(size argument must be an integer (or string representation of an integer) and greater than zero).',
    );
  }
  return Number(size);
}
