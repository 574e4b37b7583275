import type { VolumeListRequest } from '#ember/cinder';
import type { Actor } from '#ember/kernel';
import type { VolumeEntity } from '../../infrastructure/volume.entity.js';

/** A page of volumes as a parsed Cinder list request selects them (the actor scopes the marker). */
export class ListVolumesQuery {
  constructor(
    readonly request: VolumeListRequest,
    readonly actor: Actor,
  ) {}
}

/** The page, in order, and the number of matching volumes when the request asked for it. */
export interface VolumePage {
  rows: VolumeEntity[];
  total: number | null;
}
