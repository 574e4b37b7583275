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
  return async (req: Request, _res: Response): Promise<void> => {
    const ember = (req as EmberRequest).ember;
    if (req.method === 'GET' && PUBLIC.test(req.url)) return;
    if (!req.url.startsWith('/v3/')) return;
    const token = req.header('x-auth-token');
    if (!token) throw new Unauthorized(config.keystoneUrl);
    ember.auth = keystone ? await keystone.validate(token) : noauthContext(token, config.noauthRoles);
    if (ember.projectInUrl !== null && ember.projectInUrl !== ember.auth.projectId) {
      throw new BadRequest('Malformed request url');
    }
  };
}
