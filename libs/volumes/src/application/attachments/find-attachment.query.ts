import type { Actor } from '#ember/kernel';

/** The volume holding an attachment (as the caller may see it) and the attachment itself. */
export class FindAttachmentQuery {
  constructor(
    readonly attachmentId: string,
    readonly actor: Actor,
  ) {}
}
