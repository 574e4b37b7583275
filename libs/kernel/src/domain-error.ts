/** What kind of failure a domain error is; the HTTP edge and the worker map kinds, not classes. */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'over_limit';

/**
 * A broken business rule. `code` is stable (`SNAPSHOT_VOLUME_NOT_AVAILABLE`) and `message` is the
 * user-facing text in Cinder's wording; the API maps `kind` to a fault and the worker to "no retry".
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
