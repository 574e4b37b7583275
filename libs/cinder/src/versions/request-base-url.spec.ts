import { describe, expect, it } from 'vitest';
import { requestBaseUrl, stripVersionSuffix } from './request-base-url.js';

describe('requestBaseUrl', () => {
  it('uses the request scheme and Host', () => {
    expect(requestBaseUrl({ protocol: 'http', host: 'localhost:8776' })).toBe('http://localhost:8776');
  });

  it('honours X-Forwarded-Host and X-Forwarded-Proto, first value of a list', () => {
    const source = { protocol: 'http', host: 'ember:8776', forwardedHost: 'api.example:443, proxy', forwardedProto: 'https' };
    expect(requestBaseUrl(source)).toBe('https://api.example:443');
  });

  it('prefers the configured public endpoint, minus a trailing version segment', () => {
    const source = { publicEndpoint: 'https://cloud.example/volume/v3/', protocol: 'http', host: 'x', forwardedHost: 'y' };
    expect(requestBaseUrl(source)).toBe('https://cloud.example/volume');
  });
});

describe('stripVersionSuffix', () => {
  it.each([
    ['http://h/v3/', 'http://h'],
    ['http://h/v3', 'http://h'],
    ['http://h/volume/v2', 'http://h/volume'],
    ['http://h/', 'http://h'],
    ['http://h/v3x', 'http://h/v3x'],
  ])('%s → %s', (url, base) => {
    expect(stripVersionSuffix(url)).toBe(base);
  });
});
