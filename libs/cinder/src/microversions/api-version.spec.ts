import { describe, expect, it } from 'vitest';
import { ApiVersion, MAX_API_VERSION, MIN_API_VERSION } from './api-version.js';

describe('ApiVersion', () => {
  it('orders minor versions numerically, not as text', () => {
    expect(ApiVersion.of('3.9').compare('3.10')).toBeLessThan(0);
    expect(ApiVersion.of('3.65').compare('3.7')).toBeGreaterThan(0);
    expect(ApiVersion.of('4.0').compare('3.71')).toBeGreaterThan(0);
    expect(ApiVersion.of('3.14').equals('3.14')).toBe(true);
  });

  it('matches inclusive ranges with open bounds', () => {
    const v = ApiVersion.of('3.40');
    expect(v.matches('3.40', '3.40')).toBe(true);
    expect(v.matches('3.41')).toBe(false);
    expect(v.matches(null, '3.39')).toBe(false);
    expect(v.matches()).toBe(true);
    expect(v.atLeast('3.14')).toBe(true);
    expect(v.atLeast('3.41')).toBe(false);
  });

  it('prints as major.minor, also in JSON', () => {
    expect(String(new ApiVersion(3, 0))).toBe('3.0');
    expect(JSON.stringify({ v: ApiVersion.of('3.65') })).toBe('{"v":"3.65"}');
  });

  it('refuses text that is not two numbers', () => {
    expect(() => ApiVersion.of('3')).toThrow(TypeError);
    expect(() => ApiVersion.of('latest')).toThrow(TypeError);
  });

  it('serves 3.0 to 3.71', () => {
    expect(MIN_API_VERSION.toString()).toBe('3.0');
    expect(MAX_API_VERSION.toString()).toBe('3.71');
  });
});
