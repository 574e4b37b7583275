import { BadRequest } from '../errors/client.errors.js';
import type { ApiVersion } from '../microversions/api-version.js';
import { Microversions } from '../microversions/microversions.js';

// Cinder's text, double space and "compatability" included (cinder/api/v3/snapshots.py SNAPSHOT_IN_USE_FLAG_MSG).
const FORCE_FALSE_MESSAGE =
  "Since microversion 3.66 the 'force' flag is invalid for this request.  For backward compatability, " +
  "however, when the 'force' flag is passed with a value evaluating to True, it is silently ignored.";

/**
 * What the `force` flag of a snapshot create means at `version` (CINDER-API.md §1.3 step 2): whether an
 * `in-use` volume may be snapshotted. Call it after the volume lookup — Cinder answers 404 for an unknown
 * volume before it rejects `force=false`.
 * @throws BadRequest at ≥3.66 when force is false.
 */
export function snapshotForceMode(force: boolean | undefined, version: ApiVersion): { allowInUse: boolean } {
  if (!version.atLeast(Microversions.SNAPSHOT_IN_USE)) return { allowInUse: force === true };
  if (force === false) throw new BadRequest(FORCE_FALSE_MESSAGE);
  return { allowInUse: true };
}
