import type { CommandContext } from '#ember/kernel';

/** `os-reset_status` (admin): sets any valid status. */
export class ResetSnapshotStatusCommand {
  constructor(
    readonly snapshotId: string,
    readonly status: string,
    readonly ctx: CommandContext,
  ) {}
}

/** `os-update_snapshot_status`: Nova reporting on a snapshot it drives (creating/deleting transitions). */
export class UpdateSnapshotStatusCommand {
  constructor(
    readonly snapshotId: string,
    readonly status: string,
    readonly progress: string | null,
    readonly ctx: CommandContext,
  ) {}
}
