import type { Request, Response } from 'express';
import { API_VERSION_HEADER, LEGACY_API_VERSION_HEADER, parseApiVersionHeader, versionResponseHeaders } from '#ember/cinder';
import type { EmberRequest } from './request-context.js';

/** Reads `OpenStack-API-Version` (default 3.0) and echoes it with `Vary` on every response. */
export function negotiateVersion(req: Request, res: Response): void {
  const version = parseApiVersionHeader(req.header(API_VERSION_HEADER), req.header(LEGACY_API_VERSION_HEADER));
  (req as EmberRequest).ember.apiVersion = version;
  for (const [k, v] of Object.entries(versionResponseHeaders(version))) res.setHeader(k, v);
}
