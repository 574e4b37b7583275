/** A project's quotas: its limits, or the defaults alone (`os-quota-sets/{id}/defaults`). */
export class GetQuotasQuery {
  constructor(
    readonly projectId: string,
    readonly defaultsOnly = false,
  ) {}
}
