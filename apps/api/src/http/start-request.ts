import type { Request, Response } from 'express';
import { isRequestId, MIN_API_VERSION, newRequestId } from '#ember/cinder';
import type { EmberRequest } from './request-context.js';

/**
 * Gives every request its id (`x-openstack-request-id`, and the legacy `x-compute-request-id`).
 * A well-formed inbound id is kept only as the global request id, as oslo.middleware does.
 */
export function startRequest(req: Request, res: Response): void {
  const requestId = newRequestId();
  const inbound = req.header('x-openstack-request-id');
  (req as EmberRequest).ember = {
    requestId,
    globalRequestId: inbound && isRequestId(inbound) ? inbound : undefined,
    apiVersion: MIN_API_VERSION,
    projectInUrl: null,
    auth: null,
    originalUrl: req.url,
  };
  res.setHeader('x-openstack-request-id', requestId);
  res.setHeader('x-compute-request-id', requestId);
}
