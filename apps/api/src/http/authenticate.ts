import type { Request, Response } from 'express';
import { BadRequest, Unauthorized } from '#ember/cinder';
import type { EmberConfig } from '#ember/config';
import { KeystoneTokens } from './keystone-tokens.js';
import { noauthContext } from './noauth-context.js';
import type { EmberRequest } from './request-context.js';

/** Version discovery is public: clients read it before they authenticate. */
const PUBLIC = /^\/(v3\/?)?(\?.*)?$/;

/**
 * Establishes who is calling: `noauth` reads `user:project` tokens as Cinder's noauth does;
 * `keystone` validates the token against Keystone v3. The project in the URL must be the caller's.
 */
export function authenticate(config: EmberConfig) {
  const keystone = config.auth === 'keystone' ? new KeystoneTokens(config.keystoneUrl!) : null;
  const admit = (ember: EmberRequest['ember'], auth: NonNullable<EmberRequest['ember']['auth']>): void => {
    ember.auth = auth;
    if (ember.projectInUrl !== null && ember.projectInUrl !== auth.projectId) {
      throw new BadRequest('Malformed request url');
    }
  };
  // Synchronous without Keystone (nothing to wait for), so the pipeline goes on in the same turn.
  return (req: Request, _res: Response): void | Promise<void> => {
    const ember = (req as EmberRequest).ember;
    if (req.method === 'GET' && PUBLIC.test(req.url)) return;
    if (!req.url.startsWith('/v3/')) return;
    const token = req.header('x-auth-token');
    if (!token) throw new Unauthorized(config.keystoneUrl);
    if (!keystone) return admit(ember, noauthContext(token, config.noauthRoles));
    return keystone.validate(token).then((auth) => admit(ember, auth));
  };
}
