import type { CommandContext } from '#ember/kernel';

/** How new metadata combines with the old: Cinder's POST (merge), PUT (replace) and PUT /{key} (set one). */
export type MetadataWrite = 'merge' | 'replace';

/** Writes snapshot metadata; answers with the whole metadata afterwards. */
export class WriteSnapshotMetadataCommand {
  constructor(
    readonly snapshotId: string,
    readonly mode: MetadataWrite,
    readonly metadata: Record<string, string>,
    readonly ctx: CommandContext,
  ) {}
}

/** `DELETE /snapshots/{id}/metadata/{key}`: a missing key is a 404. */
export class DeleteSnapshotMetadataKeyCommand {
  constructor(
    readonly snapshotId: string,
    readonly key: string,
    readonly ctx: CommandContext,
  ) {}
}
