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

const fault = (res: Response, e: unknown) => sendFault(res, e instanceof CinderHttpError ? e : new InternalError());

/**
 * Cinder's request pipeline, in Cinder's order: request id, microversion, the project segment of the
 * URL, authentication (and the URL-project check), then the JSON body. Controllers see the result in
 * `req.ember`. One middleware: the steps run one after another, synchronously until one answers a
 * promise (reading the body, a Keystone token), and a thrown Cinder error becomes its fault response.
 */
export function cinderPipeline(config: EmberConfig): RequestHandler {
  const steps: Step[] = [startRequest, negotiateVersion, routeProject, authenticate(config), readBody];
  const run = (req: Request, res: Response, next: NextFunction, from: number): void => {
    try {
      for (let i = from; i < steps.length; i++) {
        const pending = steps[i]!(req, res);
        if (pending) {
          pending.then(() => run(req, res, next, i + 1), (e: unknown) => fault(res, e));
          return;
        }
      }
    } catch (e) {
      fault(res, e);
      return;
    }
    next();
  };
  return (req, res, next) => run(req, res, next, 0);
}
