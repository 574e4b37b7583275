import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { BadMethod, BadRequest, CinderHttpError, Conflict, Forbidden, InternalError, NotFound, OverLimit } from '#ember/cinder';
import { ConcurrencyError } from '#ember/event-store';
import { DomainError } from '#ember/kernel';
import { sendFault } from '../http/send-fault.js';

/** Domain error kinds → Cinder faults (Cinder's `Invalid*` are 400, `*NotFound` 404, quota 413). */
function fromDomain(e: DomainError): CinderHttpError {
  switch (e.kind) {
    case 'invalid':
      return new BadRequest(e.message);
    case 'not_found':
      return new NotFound(e.message);
    case 'conflict':
      return new Conflict(e.message);
    case 'forbidden':
      return new Forbidden(e.message);
    case 'over_limit':
      return new OverLimit(e.message, 0);
  }
}

/** The one place where anything thrown behind a route becomes a Cinder fault envelope. */
@Catch()
export class CinderExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    sendFault(res, this.toFault(error));
  }

  private toFault(error: unknown): CinderHttpError {
    if (error instanceof CinderHttpError) return error;
    if (error instanceof DomainError) return fromDomain(error);
    // Two writers decided on the same version: the loser's request conflicts, as a retry would show.
    if (error instanceof ConcurrencyError) {
      return new Conflict('The resource was changed by another request; retry.');
    }
    if (error instanceof HttpException) {
      if (error.getStatus() === 404) return new NotFound();
      if (error.getStatus() === 405) return new BadMethod('');
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return new InternalError();
  }
}
