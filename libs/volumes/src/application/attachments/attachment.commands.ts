import type { CommandContext } from '#ember/kernel';

/** `POST /attachments` (3.27): answers with the new attachment id. */
export class CreateAttachmentCommand {
  constructor(
    readonly volumeId: string,
    readonly attachment: { instanceUuid: string | null; connector: Record<string, unknown> | null; mode: 'rw' | 'ro' },
    readonly ctx: CommandContext,
  ) {}
}

/** `PUT /attachments/{id}` with a connector, or `os-complete` (3.44). */
export class AdvanceAttachmentCommand {
  constructor(
    readonly volumeId: string,
    readonly attachmentId: string,
    readonly step: { connector: Record<string, unknown> } | 'complete',
    readonly ctx: CommandContext,
  ) {}
}
