import { CinderHttpError } from './cinder-http-error.js';

// Default messages are webob's explanations, which Cinder's Fault copies into the body.
const GENERIC_BAD_REQUEST =
  'The server could not comply with the request since it is either malformed or otherwise incorrect.';

/** 400 `badRequest`: schema failures, `Invalid*` exceptions, malformed bodies. */
export class BadRequest extends CinderHttpError {
  constructor(message = GENERIC_BAD_REQUEST) {
    super(400, message);
  }
}

/** 403 `forbidden`. */
export class Forbidden extends CinderHttpError {
  constructor(message = 'Access was denied to this resource.') {
    super(403, message);
  }

  /** The denial `cinder.policy` reports for a failed rule. */
  static policy(rule: string): Forbidden {
    return new Forbidden(`Policy doesn't allow ${rule} to be performed.`);
  }
}

/** 404 `itemNotFound`; the default text is what Cinder answers for a method missing at the requested microversion. */
export class NotFound extends CinderHttpError {
  constructor(message = 'The resource could not be found.') {
    super(404, message);
  }
}

/** 405 `badMethod`. */
export class BadMethod extends CinderHttpError {
  constructor(method: string) {
    super(405, `The method ${method} is not allowed for this resource.`);
  }
}

/** 406 — Cinder has no fault name for it, so the body key is `computeFault`. */
export class NotAcceptable extends CinderHttpError {
  constructor(message: string, headers?: Record<string, string>) {
    super(406, message, { headers });
  }
}

/** 409 `conflictingRequest`. */
export class Conflict extends CinderHttpError {
  constructor(message = 'There was a conflict when trying to complete your request.') {
    super(409, message);
  }
}

/** 413 `overLimit` with `Retry-After` (header and body). Quota messages carry the exception class as a prefix. */
export class OverLimit extends CinderHttpError {
  constructor(message = 'The body of your request was too large for this server.', retryAfter = 0) {
    super(413, message, { retryAfter });
  }
}

/** 415 `badMediaType`: a request body whose Content-Type is not JSON. */
export class BadMediaType extends CinderHttpError {
  constructor(message = 'Unsupported Content-Type') {
    super(415, message);
  }
}
