import { describe, expect, it } from 'vitest';
import { CinderHttpError } from './cinder-http-error.js';
import {
  BadMediaType,
  BadMethod,
  BadRequest,
  Conflict,
  Forbidden,
  NotAcceptable,
  NotFound,
  OverLimit,
} from './client.errors.js';
import { faultNameFor } from './fault-name.js';
import { InternalError, NotImplemented, ServiceUnavailable } from './server.errors.js';
import { Unauthorized } from './unauthorized.js';

describe('faultNameFor', () => {
  it.each([
    [400, 'badRequest'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'itemNotFound'],
    [405, 'badMethod'],
    [409, 'conflictingRequest'],
    [413, 'overLimit'],
    [415, 'badMediaType'],
    [501, 'notImplemented'],
    [503, 'serviceUnavailable'],
  ])('names status %i %s', (status, name) => {
    expect(faultNameFor(status)).toBe(name);
  });

  it.each([406, 500, 502, 422])('falls back to computeFault for %i, which Cinder has no name for', (status) => {
    expect(faultNameFor(status)).toBe('computeFault');
  });
});

describe('CinderHttpError bodies', () => {
  it('wraps code and message in the fault name', () => {
    expect(new NotFound('Snapshot x could not be found.').toBody()).toEqual({
      itemNotFound: { code: 404, message: 'Snapshot x could not be found.' },
    });
  });

  it('adds retryAfter as a string to 413 bodies and a Retry-After header', () => {
    const error = new OverLimit('SnapshotLimitExceeded: Maximum number of snapshots allowed (10) exceeded');
    expect(error.toBody()).toEqual({
      overLimit: {
        code: 413,
        message: 'SnapshotLimitExceeded: Maximum number of snapshots allowed (10) exceeded',
        retryAfter: '0',
      },
    });
    expect(error.headers).toEqual({ 'Retry-After': '0' });
  });

  it('keeps retryAfter out of non-413 bodies but still sends the header', () => {
    const error = new ServiceUnavailable(undefined, 30);
    expect(error.toBody()).toEqual({
      serviceUnavailable: { code: 503, message: 'The server is currently unavailable. Please try again at a later time.' },
    });
    expect(error.headers['Retry-After']).toBe('30');
  });

  it('answers 406 as computeFault', () => {
    expect(new NotAcceptable('Version 3.72 is not supported by the API.').toBody()).toEqual({
      computeFault: { code: 406, message: 'Version 3.72 is not supported by the API.' },
    });
  });

  it('uses the generic Cinder text for an internal error', () => {
    expect(new InternalError().toBody()).toEqual({
      computeFault: {
        code: 500,
        message: 'The server has either erred or is incapable of performing the requested operation.',
      },
    });
  });

  it('phrases policy denials like cinder.policy', () => {
    const error = Forbidden.policy('volume:create_snapshot');
    expect(error.toBody()).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow volume:create_snapshot to be performed." },
    });
  });

  it.each([
    ['BadRequest', new BadRequest(), 400, 'The server could not comply with the request since it is either malformed or otherwise incorrect.'],
    ['NotFound', new NotFound(), 404, 'The resource could not be found.'],
    ['BadMethod', new BadMethod('PATCH'), 405, 'The method PATCH is not allowed for this resource.'],
    ['Conflict', new Conflict(), 409, 'There was a conflict when trying to complete your request.'],
    ['BadMediaType', new BadMediaType(), 415, 'Unsupported Content-Type'],
    ['NotImplemented', new NotImplemented(), 501, 'Not Implemented'],
  ])('%s answers status %i with webob\'s default text', (_name, error, status, message) => {
    expect(error.status).toBe(status);
    expect(error.message).toBe(message);
  });

  it('is an Error carrying its class name', () => {
    const error = new BadRequest('x');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(CinderHttpError);
    expect(error.name).toBe('BadRequest');
  });

  it('accepts an explicit fault name and extra headers', () => {
    const error = new CinderHttpError(418, 'teapot', { faultName: 'teapot', headers: { Vary: 'X' } });
    expect(error.toBody()).toEqual({ teapot: { code: 418, message: 'teapot' } });
    expect(error.headers).toEqual({ Vary: 'X' });
  });
});

describe('Unauthorized', () => {
  it("answers with keystonemiddleware's body, not a fault", () => {
    expect(new Unauthorized().toBody()).toEqual({
      error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' },
    });
    expect(new Unauthorized().faultName).toBe('unauthorized');
  });

  it('names keystone in WWW-Authenticate when its URL is known', () => {
    expect(new Unauthorized('https://keystone.example/v3').headers).toEqual({
      'WWW-Authenticate': 'Keystone uri="https://keystone.example/v3"',
    });
    expect(new Unauthorized().headers).toEqual({});
  });
});
