import type { CommandContext } from '#ember/kernel';

/** `PUT os-quota-sets/{project}` (admin): validated limits, -1 = unlimited. */
export class SetQuotasCommand {
  constructor(
    readonly projectId: string,
    readonly limits: Record<string, number>,
    readonly ctx: CommandContext,
  ) {}
}
