import type { AuthContext } from './auth-context.js';

/**
 * Reads a `noauth` token `user:project` (`cinder/api/middleware/auth.py`): split at the first `:`,
 * and an empty (or missing) project means project = user.
 */
export function parseNoauthToken(token: string): { userId: string; projectId: string } {
  const colon = token.indexOf(':');
  const userId = colon === -1 ? token : token.slice(0, colon);
  const project = colon === -1 ? '' : token.slice(colon + 1);
  return { userId, projectId: project === '' ? userId : project };
}

/**
 * The context `noauth` builds for a token: every caller is admin (Cinder appends role `admin`).
 * @param roles roles granted besides `admin` (Ember's `EMBER_NOAUTH_ROLES`).
 */
export function noauthContext(token: string, roles: readonly string[] = []): AuthContext {
  const { userId, projectId } = parseNoauthToken(token);
  const allRoles = roles.includes('admin') ? [...roles] : [...roles, 'admin'];
  return { userId, projectId, roles: allRoles, isAdmin: true, authMode: 'noauth' };
}
