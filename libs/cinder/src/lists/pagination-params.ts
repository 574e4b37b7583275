import { BadRequest } from '../errors/client.errors.js';
import type { ListMarker } from './list-request.js';
import { pyIntFromString } from './python-int.js';
import type { QueryParams } from './query-params.js';

/** Cinder's `osapi_max_limit` default: the page size cap and the default page size. */
export const MAX_LIMIT = 1000;

/** Cinder's `DB_MAX_INT`, the largest offset. */
const DB_MAX_INT = 2_147_483_647;

/** `common._get_limit_param`: an int ≥ 0, capped at {@link MAX_LIMIT} (also the default). */
export function readLimit(query: QueryParams): number {
  const raw = query.get('limit');
  if (raw === undefined) return MAX_LIMIT;
  const limit = pyIntFromString(raw);
  if (limit === undefined) throw new BadRequest('limit param must be an integer');
  if (limit < 0) throw new BadRequest('limit param must be positive');
  return Math.min(limit, MAX_LIMIT);
}

/** `common._get_offset_param` (oslo `validate_integer(offset, 'offset', 0, DB_MAX_INT)`). */
export function readOffset(query: QueryParams): number {
  const raw = query.get('offset');
  if (raw === undefined) return 0;
  const offset = pyIntFromString(raw);
  if (offset === undefined) throw new BadRequest('offset must be an integer');
  if (offset < 0) throw new BadRequest('offset must be >= 0');
  if (offset > DB_MAX_INT) throw new BadRequest(`offset must be <= ${DB_MAX_INT}`);
  return offset;
}

/** `marker`: looked up by id (case-insensitively, as Cinder's MySQL does); anything else is not found. */
export function readMarker(query: QueryParams): ListMarker | null {
  const given = query.get('marker');
  if (given === undefined) return null;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(given);
  return { given, id: uuid ? given.toLowerCase() : null };
}

/** `common.get_pagination_params`: limit, then marker, then offset (the order Cinder reports errors in). */
export function readPagination(query: QueryParams): { limit: number; marker: ListMarker | null; offset: number } {
  const limit = readLimit(query);
  const marker = readMarker(query);
  return { limit, marker, offset: readOffset(query) };
}
