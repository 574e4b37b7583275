import { CinderHttpError, type KeystoneErrorBody } from './cinder-http-error.js';

const MESSAGE = 'The request you have made requires authentication.';

/**
 * 401 for a request without (valid) credentials, in keystonemiddleware's shape
 * `{"error": {"code": 401, "title": "Unauthorized", "message": …}}` rather than a `{"unauthorized": …}`
 * fault: behind keystone that is the only 401 body a Cinder client ever sees, so we answer it in every
 * auth mode. Under `noauth` Cinder itself answers a token-less request with 204 and a fake token;
 * Ember deliberately refuses with this 401 instead.
 */
export class Unauthorized extends CinderHttpError {
  /** @param wwwAuthenticateUri keystone's public URL, sent as `WWW-Authenticate: Keystone uri="…"` when known. */
  constructor(wwwAuthenticateUri?: string) {
    const headers = wwwAuthenticateUri ? { 'WWW-Authenticate': `Keystone uri="${wwwAuthenticateUri}"` } : undefined;
    super(401, MESSAGE, { headers });
  }

  override toBody(): KeystoneErrorBody {
    return { error: { code: 401, title: 'Unauthorized', message: this.message } };
  }
}
