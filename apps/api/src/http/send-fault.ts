import type { Response } from 'express';
import type { CinderHttpError } from '#ember/cinder';

/** Writes a Cinder fault (used by the pipeline, which runs before Nest's exception filter). */
export function sendFault(res: Response, error: CinderHttpError): void {
  for (const [k, v] of Object.entries(error.headers)) res.setHeader(k, v);
  res.status(error.status).json(error.toBody());
}
