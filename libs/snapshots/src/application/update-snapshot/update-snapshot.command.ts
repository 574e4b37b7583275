import type { CommandContext } from '#ember/kernel';

/** `PUT /snapshots/{id}`: rename and/or re-describe (any status). */
export class UpdateSnapshotCommand {
  constructor(
    readonly snapshotId: string,
    readonly change: { name?: string | null; description?: string | null },
    readonly ctx: CommandContext,
  ) {}
}
