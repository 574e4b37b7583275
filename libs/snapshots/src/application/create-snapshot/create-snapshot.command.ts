import type { CommandContext } from '#ember/kernel';

export interface CreateSnapshotInput {
  volumeId: string;
  name: string | null;
  description: string | null;
  metadata: Record<string, string>;
  /** Decided by the API from `force` and the microversion (Cinder 3.66). */
  allowInUse: boolean;
  /** Manage existing (admin): adopt this backend data instead of copying the volume. */
  manageRef?: string;
}

/**
 * `POST /v3/{project_id}/snapshots`. Answers with the new snapshot's read-model row. `admit` runs once
 * the volume is found, before anything is decided: the API's checks that Cinder makes only then (policy
 * on the volume's project, then `force`); it may throw, and answers what it settles of the input.
 */
export class CreateSnapshotCommand {
  constructor(
    readonly input: CreateSnapshotInput,
    readonly ctx: CommandContext,
    readonly admit?: (volumeProjectId: string) => Partial<Pick<CreateSnapshotInput, 'allowInUse'>>,
  ) {}
}
