import type { CommandContext } from '#ember/kernel';

/** Cinder's legacy `os-attach`: the volume becomes `in-use`. */
export class AttachVolumeCommand {
  constructor(
    readonly volumeId: string,
    readonly attachment: { instanceUuid: string | null; hostName: string | null; mountpoint: string; mode: 'rw' | 'ro' },
    readonly ctx: CommandContext,
  ) {}
}

/** Cinder's legacy `os-detach`: removes one attachment; the last one makes the volume `available`. */
export class DetachVolumeCommand {
  constructor(
    readonly volumeId: string,
    readonly attachmentId: string | null,
    readonly ctx: CommandContext,
  ) {}
}
