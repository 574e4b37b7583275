import { CinderHttpError } from './cinder-http-error.js';

/** 500 `computeFault` with the only text Cinder ever shows for an unexpected error. */
export class InternalError extends CinderHttpError {
  constructor(message = 'The server has either erred or is incapable of performing the requested operation.') {
    super(500, message);
  }
}

/** 501 `notImplemented`. */
export class NotImplemented extends CinderHttpError {
  constructor(message = 'Not Implemented') {
    super(501, message);
  }
}

/** 503 `serviceUnavailable`. */
export class ServiceUnavailable extends CinderHttpError {
  constructor(message = 'The server is currently unavailable. Please try again at a later time.', retryAfter?: number) {
    super(503, message, { retryAfter });
  }
}
