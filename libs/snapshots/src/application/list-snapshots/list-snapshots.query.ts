import type { SnapshotListRequest } from '#ember/cinder';
import type { Actor } from '#ember/kernel';
import type { SnapshotEntity } from '../../infrastructure/snapshot.entity.js';

/** A page of snapshots as a parsed Cinder list request selects them (the actor scopes the marker). */
export class ListSnapshotsQuery {
  constructor(
    readonly request: SnapshotListRequest,
    readonly actor: Actor,
  ) {}
}

/** The page, in order, and the number of matching snapshots when the request asked for it. */
export interface SnapshotPage {
  rows: SnapshotEntity[];
  total: number | null;
}
