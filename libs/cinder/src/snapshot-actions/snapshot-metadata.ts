import { BadRequest, OverLimit } from '../errors/client.errors.js';
import { codePointLength } from '../python/code-point-length.js';

type Body = Record<string, unknown>;
const isDict = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The metadata of a `{"metadata": {...}}` body (POST/PUT `/snapshots/{id}/metadata`), checked as
 * Cinder's `check_metadata_properties`: keys 1..255, values strings ≤255 (oversize → 413).
 */
export function metadataBody(body: unknown): Record<string, string> {
  if (!isDict(body) || !isDict(body.metadata)) {
    throw new BadRequest("Missing required element 'metadata' in request body.");
  }
  return checkMetadataProperties(body.metadata);
}

/** `PUT /snapshots/{id}/metadata/{key}` with `{"meta": {key: value}}`: exactly that one key. */
export function metaItemBody(body: unknown, key: string): Record<string, string> {
  if (!isDict(body) || !isDict(body.meta)) throw new BadRequest("Missing required element 'meta' in request body.");
  if (!Object.hasOwn(body.meta, key)) throw new BadRequest('Request body and URI mismatch');
  if (Object.keys(body.meta).length > 1) throw new BadRequest('Request body contains too many items');
  return checkMetadataProperties(body.meta);
}

function checkMetadataProperties(metadata: Body): Record<string, string> {
  for (const [k, v] of Object.entries(metadata)) {
    if (codePointLength(k) < 1) {
      throw new BadRequest(`Invalid metadata: Invalid input received: Metadata key: ${k} has 0 characters, less than 1.`);
    }
    if (typeof v !== 'string') {
      throw new BadRequest(`Invalid metadata: Invalid input received: Value for metadata key: ${k} is not a string or unicode`);
    }
    if (codePointLength(k) > 255) {
      throw new OverLimit(`Invalid metadata size: Metadata property key ${k} greater than 255 characters.`);
    }
    if (codePointLength(v) > 255) {
      throw new OverLimit(`Invalid metadata size: Metadata property key ${k} value greater than 255 characters.`);
    }
  }
  return metadata as Record<string, string>;
}
