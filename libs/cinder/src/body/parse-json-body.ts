import { BadMediaType, BadRequest, OverLimit } from '../errors/client.errors.js';

/** Request media types Cinder deserializes (`wsgi.SUPPORTED_CONTENT_TYPES`). */
export const JSON_MEDIA_TYPES: readonly string[] = ['application/json', 'application/vnd.openstack.volume+json'];

/** oslo.middleware `sizelimit` default (`max_request_body_size`), in bytes. */
export const MAX_REQUEST_BODY_SIZE = 114_688;

/**
 * Decodes a request body the way Cinder's `wsgi.Resource` does, in its order:
 * an empty body → 400; a Content-Type (parameters such as `charset` ignored) that is missing or not
 * one of {@link JSON_MEDIA_TYPES} → 415 `Unsupported Content-Type`; text that is not JSON → 400
 * `Malformed request body`. A body over {@link MAX_REQUEST_BODY_SIZE} bytes → 413 (Cinder's middleware
 * answers that with an HTML page; we keep the JSON fault shape). Like webob, the media type is compared
 * case-sensitively and a space before `;` makes it unknown. The result is any JSON value: the schema
 * decides whether it is an object.
 */
export function parseJsonBody(raw: string | Buffer, contentType: string | undefined): unknown {
  if (Buffer.byteLength(raw) > MAX_REQUEST_BODY_SIZE) {
    throw new OverLimit(`Request is too large. Larger than max_request_body_size (${MAX_REQUEST_BODY_SIZE}).`);
  }
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  // Cinder skips decoding an empty body and then fails with a KeyError (500); a 400 is the honest answer.
  if (text.length === 0) throw new BadRequest('Malformed request body');
  const mediaType = contentType?.split(';')[0];
  if (mediaType === undefined || !JSON_MEDIA_TYPES.includes(mediaType)) throw new BadMediaType();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequest('Malformed request body');
  }
}
