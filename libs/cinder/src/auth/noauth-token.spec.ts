import { describe, expect, it } from 'vitest';
import { noauthContext, parseNoauthToken } from './noauth-token.js';

describe('parseNoauthToken', () => {
  it('splits user:project at the first colon', () => {
    expect(parseNoauthToken('admin:bab7d5c6')).toEqual({ userId: 'admin', projectId: 'bab7d5c6' });
    expect(parseNoauthToken('u:p:q')).toEqual({ userId: 'u', projectId: 'p:q' });
  });

  it('uses the user as project when the project is missing or empty', () => {
    expect(parseNoauthToken('abcdef')).toEqual({ userId: 'abcdef', projectId: 'abcdef' });
    expect(parseNoauthToken('abcdef:')).toEqual({ userId: 'abcdef', projectId: 'abcdef' });
  });
});

describe('noauthContext', () => {
  it('makes every caller an admin, as Cinder noauth does', () => {
    expect(noauthContext('alice:p1', ['member', 'reader'])).toEqual({
      userId: 'alice',
      projectId: 'p1',
      roles: ['member', 'reader', 'admin'],
      isAdmin: true,
      authMode: 'noauth',
    });
  });

  it('does not duplicate an admin role already granted', () => {
    expect(noauthContext('a', ['admin', 'member']).roles).toEqual(['admin', 'member']);
  });
});
