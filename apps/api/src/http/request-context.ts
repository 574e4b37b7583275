import type { Request } from 'express';
import type { ApiVersion, AuthContext } from '#ember/cinder';
import { instanceId, type CommandContext } from '#ember/kernel';

/** What the HTTP pipeline established about a request before any controller runs. */
export interface EmberRequestContext {
  requestId: string;
  globalRequestId?: string;
  apiVersion: ApiVersion;
  /** The project id segment of the URL, if the client used `/v3/{project_id}/...`. */
  projectInUrl: string | null;
  auth: AuthContext | null;
  /** The URL as the client sent it (before the project segment was taken out for routing). */
  originalUrl: string;
}

export type EmberRequest = Request & { ember: EmberRequestContext };

/** The command context (actor + request facts for event metadata) of an authenticated request. */
export function commandContext(req: EmberRequest): CommandContext {
  const auth = req.ember.auth!;
  return {
    actor: { userId: auth.userId, projectId: auth.projectId, roles: auth.roles, isAdmin: auth.isAdmin },
    request: {
      requestId: req.ember.requestId,
      globalRequestId: req.ember.globalRequestId,
      authMode: auth.authMode,
      clientAddress: req.socket.remoteAddress,
      instance: instanceId(),
    },
  };
}
