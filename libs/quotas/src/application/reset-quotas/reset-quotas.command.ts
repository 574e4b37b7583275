import type { CommandContext } from '#ember/kernel';

/** `DELETE os-quota-sets/{project}` (admin): back to the defaults. */
export class ResetQuotasCommand {
  constructor(
    readonly projectId: string,
    readonly ctx: CommandContext,
  ) {}
}
