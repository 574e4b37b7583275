import { describe, expect, it } from 'vitest';
import { CinderHttpError } from '../errors/cinder-http-error.js';
import { assertUrlProject, isUrlProjectId } from './project-id.js';

describe('isUrlProjectId (Cinder project_id_regex)', () => {
  const routed = ['bab7d5c60cd041a0a36f7c4b6e1dd978', '89afd400-b646-4bbc-b12b-c0a4d63e5bd3', 'abcdef', '-'];

  it.each(routed)('routes %s', (id) => {
    expect(isUrlProjectId(id)).toBe(true);
  });

  it.each(['admin', 'ABCDEF', 'snapshots', '', 'abc def'])('does not route %j (router 404)', (id) => {
    expect(isUrlProjectId(id)).toBe(false);
  });
});

describe('assertUrlProject', () => {
  it("accepts the caller's own project or a project-less URL", () => {
    expect(() => assertUrlProject('abc', 'abc')).not.toThrow();
    expect(() => assertUrlProject(null, 'abc')).not.toThrow();
  });

  it('answers 400 Malformed request url for another project, admins included', () => {
    try {
      assertUrlProject('abcdef', 'bab7d5c6');
      expect.unreachable();
    } catch (e) {
      expect((e as CinderHttpError).toBody()).toEqual({ badRequest: { code: 400, message: 'Malformed request url' } });
    }
  });
});
