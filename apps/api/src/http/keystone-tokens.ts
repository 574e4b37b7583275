import { Unauthorized, type AuthContext } from '#ember/cinder';

interface Cached {
  context: AuthContext;
  until: number;
}

/** Tokens are re-validated at most this often (and never past their expiry). */
const CACHE_MS = 60_000;

/**
 * Validates tokens against Keystone v3 (`GET /v3/auth/tokens`, the token validating itself), as
 * keystonemiddleware does for Cinder, with a short cache so a busy client costs one call a minute.
 */
export class KeystoneTokens {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly keystoneUrl: string) {}

  async validate(token: string): Promise<AuthContext> {
    const hit = this.cache.get(token);
    if (hit && hit.until > Date.now()) return hit.context;
    const res = await fetch(`${this.keystoneUrl.replace(/\/+$/, '')}/auth/tokens`, {
      headers: { 'X-Auth-Token': token, 'X-Subject-Token': token, Accept: 'application/json' },
    }).catch(() => null);
    if (!res?.ok) throw new Unauthorized(this.keystoneUrl);
    const body = (await res.json()) as {
      token: { user?: { id?: string }; project?: { id?: string }; roles?: { name: string }[]; expires_at?: string };
    };
    const { user, project, roles = [], expires_at } = body.token;
    if (!user?.id || !project?.id) throw new Unauthorized(this.keystoneUrl);
    const names = roles.map((r) => r.name);
    const context: AuthContext = {
      userId: user.id,
      projectId: project.id,
      roles: names,
      isAdmin: names.includes('admin'),
      authMode: 'keystone',
    };
    const expires = expires_at ? Date.parse(expires_at) : Number.POSITIVE_INFINITY;
    this.cache.set(token, { context, until: Math.min(Date.now() + CACHE_MS, expires) });
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
    return context;
  }
}
