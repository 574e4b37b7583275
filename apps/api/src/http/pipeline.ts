import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { CinderHttpError, InternalError } from '#ember/cinder';
import type { EmberConfig } from '#ember/config';
import { authenticate } from './authenticate.js';
import { readBody } from './read-body.js';
import { startRequest } from './start-request.js';
import { negotiateVersion } from './negotiate-version.js';
import { routeProject } from './route-project.js';
import { sendFault } from './send-fault.js';

type Step = (req: Request, res: Response) => void | Promise<void>;

/** Runs a pipeline step; a thrown Cinder error becomes its fault response. */
const step =
  (fn: Step): RequestHandler =>
  (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .then(
        () => next(),
        (e: unknown) => sendFault(res, e instanceof CinderHttpError ? e : new InternalError()),
      );
  };

/**
 * Cinder's request pipeline, in Cinder's order: request id, microversion, the project segment of the
 * URL, authentication (and the URL-project check), then the JSON body. Controllers see the result in
 * `req.ember`.
 */
export function cinderPipeline(config: EmberConfig): RequestHandler[] {
  return [
    step(startRequest),
    step(negotiateVersion),
    step(routeProject),
    step(authenticate(config)),
    step(readBody),
  ];
}
