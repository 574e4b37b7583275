import type { CommandContext } from '#ember/kernel';

export interface CreateVolumeInput {
  size: number;
  name: string | null;
  description: string | null;
  metadata: Record<string, string>;
  availabilityZone: string | null;
  volumeType: string | null;
  /** Fill the new volume from a snapshot (verified against its checksum) or clone another volume. */
  source?: { snapshotId: string; checksum: string } | { sourceVolid: string };
}

/** Ask for a new empty volume of `size` GiB. Answers with the new volume id. */
export class CreateVolumeCommand {
  constructor(
    readonly input: CreateVolumeInput,
    readonly ctx: CommandContext,
  ) {}
}
