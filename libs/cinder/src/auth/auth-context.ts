/** Who is calling, as Cinder's `RequestContext` sees it. */
export interface AuthContext {
  userId: string;
  projectId: string;
  roles: string[];
  /** Cinder's `context_is_admin` (`role:admin`); always true under `noauth`. */
  isAdmin: boolean;
  authMode: 'noauth' | 'keystone';
}
