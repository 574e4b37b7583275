import type { CommandContext } from '#ember/kernel';

/** `DELETE /volumes/{id}[?cascade=true][&force=true]`. */
export class DeleteVolumeCommand {
  constructor(
    readonly volumeId: string,
    readonly mode: { cascade: boolean; force: boolean },
    readonly ctx: CommandContext,
  ) {}
}
