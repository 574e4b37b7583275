import { faultNameFor } from './fault-name.js';

/** The JSON body of a Cinder fault: `{"<faultName>": {"code": 400, "message": "…"}}`. */
export type FaultBody = Record<string, { code: number; message: string; retryAfter?: string }>;

/** The body keystonemiddleware answers a request without a valid token with. */
export interface KeystoneErrorBody {
  error: { code: number; title: string; message: string };
}

/** Optional parts of a {@link CinderHttpError}. */
export interface CinderHttpErrorOptions {
  /** Fault name override; defaults to {@link faultNameFor}(status). */
  faultName?: string;
  /** Seconds for `Retry-After` (413 only puts it in the body too). */
  retryAfter?: number;
  /** Extra response headers the HTTP edge must send with this error. */
  headers?: Record<string, string>;
}

/**
 * An error that the HTTP edge renders as a Cinder fault. Throw it (or a subclass from `client.errors.ts`,
 * `server.errors.ts`) anywhere in the Cinder dialect; one exception filter turns it into a response with
 * `status`, `headers` and `toBody()`.
 */
export class CinderHttpError extends Error {
  readonly faultName: string;
  readonly retryAfter: number | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly status: number,
    message: string,
    options: CinderHttpErrorOptions = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.faultName = options.faultName ?? faultNameFor(status);
    this.retryAfter = options.retryAfter;
    const retryHeader: Record<string, string> =
      options.retryAfter === undefined ? {} : { 'Retry-After': String(options.retryAfter) };
    this.headers = { ...retryHeader, ...options.headers };
  }

  /** The response body, exactly as Cinder's `wsgi.Fault` serializes it. */
  toBody(): FaultBody | KeystoneErrorBody {
    const detail: FaultBody[string] = { code: this.status, message: this.message };
    // Fault adds retryAfter only to 413 bodies, as a string copy of the Retry-After header.
    if (this.status === 413 && this.retryAfter !== undefined) detail.retryAfter = String(this.retryAfter);
    return { [this.faultName]: detail };
  }
}
