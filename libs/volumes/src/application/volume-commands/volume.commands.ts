import type { CommandContext } from '#ember/kernel';

/** `PUT /volumes/{id}`. */
export class UpdateVolumeCommand {
  constructor(
    readonly volumeId: string,
    readonly change: { name?: string | null; description?: string | null },
    readonly ctx: CommandContext,
  ) {}
}

/** Volume metadata: merge (POST), replace (PUT) or delete one key; answers with the whole metadata. */
export class WriteVolumeMetadataCommand {
  constructor(
    readonly volumeId: string,
    readonly mode: 'merge' | 'replace' | { remove: string },
    readonly metadata: Record<string, string>,
    readonly ctx: CommandContext,
  ) {}
}

/** `os-reset_status` (admin). */
export class ResetVolumeStatusCommand {
  constructor(
    readonly volumeId: string,
    readonly reset: { status?: string; attachStatus?: string; migrationStatus?: string | null },
    readonly ctx: CommandContext,
  ) {}
}

/** `os-extend`: grow the volume to `newSize` GiB (the worker grows the image). */
export class ExtendVolumeCommand {
  constructor(
    readonly volumeId: string,
    readonly newSize: number,
    readonly allowInUse: boolean,
    readonly ctx: CommandContext,
  ) {}
}

/** The legacy attach handshake Nova drives: os-reserve, os-unreserve, os-begin_detaching, os-roll_detaching. */
export class VolumeHandshakeCommand {
  constructor(
    readonly volumeId: string,
    readonly step: 'reserve' | 'unreserve' | 'beginDetaching' | 'rollDetaching',
    readonly ctx: CommandContext,
  ) {}
}
