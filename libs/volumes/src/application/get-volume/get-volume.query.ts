import type { Actor } from '#ember/kernel';

/** A volume as the caller may see it (another project's volume is "not found" to non-admins). */
export class GetVolumeQuery {
  constructor(
    readonly volumeId: string,
    readonly actor: Actor,
  ) {}
}
