import { describe, expect, it } from 'vitest';
import { CinderHttpError } from '../errors/cinder-http-error.js';
import { MAX_REQUEST_BODY_SIZE, parseJsonBody } from './parse-json-body.js';

function failure(raw: string | Buffer, contentType: string | undefined): unknown {
  try {
    parseJsonBody(raw, contentType);
  } catch (e) {
    if (e instanceof CinderHttpError) return e.toBody();
    throw e;
  }
  throw new Error('expected a failure');
}

const MALFORMED = { badRequest: { code: 400, message: 'Malformed request body' } };
const UNSUPPORTED = { badMediaType: { code: 415, message: 'Unsupported Content-Type' } };

describe('parseJsonBody', () => {
  it.each([
    'application/json',
    'application/json; charset=UTF-8',
    'application/json;charset=utf-8',
    'application/vnd.openstack.volume+json',
  ])('decodes a body sent as %s', (contentType) => {
    expect(parseJsonBody('{"snapshot":{"name":"x"}}', contentType)).toEqual({ snapshot: { name: 'x' } });
  });

  it('decodes a Buffer as UTF-8 and returns non-object JSON for the schema to judge', () => {
    expect(parseJsonBody(Buffer.from('{"n":"é"}'), 'application/json')).toEqual({ n: 'é' });
    expect(parseJsonBody('[]', 'application/json')).toEqual([]);
    expect(parseJsonBody('null', 'application/json')).toBeNull();
  });

  it.each([
    ['missing', undefined],
    ['text/plain', 'text/plain'],
    ['form-encoded', 'application/x-www-form-urlencoded'],
    ['upper case (webob compares exactly)', 'APPLICATION/JSON'],
    ['a space before the parameters', 'application/json ; charset=utf-8'],
    ['application/xml', 'application/xml'],
  ])('answers 415 for a %s Content-Type', (_label, contentType) => {
    expect(failure('{}', contentType)).toEqual(UNSUPPORTED);
  });

  it.each(['{bad', '{"a":1} trailing', '  ', '{"v":NaN}'])('answers 400 Malformed request body for %j', (raw) => {
    expect(failure(raw, 'application/json')).toEqual(MALFORMED);
  });

  it('answers 400 for an empty body before looking at the Content-Type (Cinder: 500)', () => {
    expect(failure('', 'application/json')).toEqual(MALFORMED);
    expect(failure(Buffer.alloc(0), undefined)).toEqual(MALFORMED);
  });

  it('answers 413 overLimit for a body over the oslo sizelimit', () => {
    const big = `{"n":"${'a'.repeat(MAX_REQUEST_BODY_SIZE)}"}`;
    expect(failure(big, 'application/json')).toEqual({
      overLimit: {
        code: 413,
        message: 'Request is too large. Larger than max_request_body_size (114688).',
        retryAfter: '0',
      },
    });
  });
});
