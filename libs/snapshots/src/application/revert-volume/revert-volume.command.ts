import type { CommandContext } from '#ember/kernel';

/** `POST /volumes/{id}/action {"revert": {"snapshot_id": …}}` (3.40): back to the latest snapshot. */
export class RevertVolumeCommand {
  constructor(
    readonly volumeId: string,
    readonly snapshotId: string | null,
    readonly ctx: CommandContext,
  ) {}
}
