import type { Request, Response } from 'express';
import type { EmberRequest } from './request-context.js';

/** Cinder's `project_id_regex`: only such a segment after /v3/ is a project id. */
const PROJECT_SEGMENT = /^\/v3\/([0-9a-f-]+)(\/.*)?$/;

/**
 * `/v3/{project_id}/snapshots` and `/v3/snapshots` reach the same routes: the project segment is
 * taken out of the URL here and remembered for the URL-project check and for links.
 */
export function routeProject(req: Request, _res: Response): void {
  const match = PROJECT_SEGMENT.exec(req.url);
  if (!match) return;
  (req as EmberRequest).ember.projectInUrl = match[1]!;
  req.url = `/v3${match[2] ?? '/'}`;
}
