import { describe, expect, it } from 'vitest';
import { CinderHttpError } from '../errors/cinder-http-error.js';
import { responseVersionHeader, versionResponseHeaders } from './api-version-headers.js';
import { parseApiVersionHeader } from './parse-api-version-header.js';

const GENERIC_400 = 'The server could not comply with the request since it is either malformed or otherwise incorrect.';

function failure(header: string | undefined, legacy?: string): CinderHttpError {
  try {
    parseApiVersionHeader(header, legacy);
  } catch (e) {
    if (e instanceof CinderHttpError) return e;
    throw e;
  }
  throw new Error(`expected ${header} to be refused`);
}

describe('parseApiVersionHeader', () => {
  it('defaults to the minimum 3.0 when no header is sent', () => {
    expect(parseApiVersionHeader(undefined).toString()).toBe('3.0');
  });

  it.each([
    ['volume 3.65', '3.65'],
    ['volume 3.0', '3.0'],
    ['volume  3.40', '3.40'],
    ['volume latest', '3.71'],
    ['compute 2.1, volume 3.40', '3.40'],
    ['volume 3.40, volume 3.50', '3.40'],
    ['xvolumex 3.40', '3.40'],
  ])('reads %j as %s', (header, version) => {
    expect(parseApiVersionHeader(header).toString()).toBe(version);
  });

  it.each(['compute 3.50', 'Volume 3.40', ''])('answers the generic 400 when %j has no volume item', (header) => {
    const error = failure(header);
    expect(error.toBody()).toEqual({ badRequest: { code: 400, message: GENERIC_400 } });
  });

  it.each(['abc', '3.01', '3', 'LATEST', '03.1', '3.5.1'])('refuses the malformed version %j with 400', (text) => {
    const error = failure(`volume ${text}`);
    expect(error.toBody()).toEqual({
      badRequest: {
        code: 400,
        message: `API Version String ${text} is of invalid format. Must be of format MajorNum.MinorNum.`,
      },
    });
  });

  it('answers 400 (Cinder: 500) when the volume item is not two tokens', () => {
    expect(failure('volume').status).toBe(400);
    expect(failure('volume 3.5 x').message).toBe(
      'API Version String 3.5 x is of invalid format. Must be of format MajorNum.MinorNum.',
    );
  });

  it.each(['3.72', '3.100', '4.0', '2.0', '1.0'])('refuses out-of-range %s with 406 computeFault', (text) => {
    expect(failure(`volume ${text}`).toBody()).toEqual({
      computeFault: {
        code: 406,
        message: `Version ${text} is not supported by the API. Minimum is 3.0 and maximum is 3.71.`,
      },
    });
  });

  it('echoes the refused version in the response headers, except for legacy 1.0/2.0 strings', () => {
    expect(failure('volume 3.72').headers).toEqual(versionResponseHeaders('3.72'));
    expect(failure('volume 2.0').headers).toEqual({});
    expect(failure('volume 12.0').headers).toEqual({});
  });

  it('falls back to X-OpenStack-Volume-API-Version only when OpenStack-API-Version is absent', () => {
    expect(parseApiVersionHeader(undefined, '3.27').toString()).toBe('3.27');
    expect(parseApiVersionHeader(undefined, 'volume 3.44').toString()).toBe('3.44');
    expect(parseApiVersionHeader(undefined, 'latest').toString()).toBe('3.71');
    expect(parseApiVersionHeader('volume 3.50', '3.27').toString()).toBe('3.50');
    expect(parseApiVersionHeader(undefined, '  ').toString()).toBe('3.0');
    expect(failure(undefined, '3.99').status).toBe(406);
  });
});

describe('response version headers', () => {
  it('name the volume service and vary on the header', () => {
    expect(responseVersionHeader(parseApiVersionHeader('volume 3.65'))).toBe('volume 3.65');
    expect(versionResponseHeaders('3.0')).toEqual({
      'OpenStack-API-Version': 'volume 3.0',
      Vary: 'OpenStack-API-Version',
    });
  });
});
