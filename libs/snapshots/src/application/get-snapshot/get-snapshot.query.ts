import type { Actor } from '#ember/kernel';

/** A snapshot as the caller may see it (another project's snapshot is "not found" to non-admins). */
export class GetSnapshotQuery {
  constructor(
    readonly snapshotId: string,
    readonly actor: Actor,
  ) {}
}
