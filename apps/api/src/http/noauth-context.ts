import { parseNoauthToken, type AuthContext } from '#ember/cinder';

/** The caller of a noauth token: roles as configured (Cinder's noauth makes everyone admin). */
export function noauthContext(token: string, roles: readonly string[]): AuthContext {
  const { userId, projectId } = parseNoauthToken(token);
  return { userId, projectId, roles: [...roles], isAdmin: roles.includes('admin'), authMode: 'noauth' };
}
