import type { CommandContext } from '#ember/kernel';

/** DELETE (`force` false), `os-force_delete` (`force` true) or `os-unmanage` (`unmanage`: keep the data). */
export class DeleteSnapshotCommand {
  constructor(
    readonly snapshotId: string,
    readonly mode: { force: boolean; unmanage: boolean },
    readonly ctx: CommandContext,
  ) {}
}
