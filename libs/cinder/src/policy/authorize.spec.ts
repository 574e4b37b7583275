import { describe, expect, it } from 'vitest';
import { authorize, isAllowed } from './authorize.js';

const subject = (roles: string[], projectId = 'p1') => ({ projectId, roles, isAdmin: roles.includes('admin') });

describe('Cinder default policy personas', () => {
  it('lets readers read but not write, in their own project', () => {
    expect(isAllowed(subject(['reader']), 'volume:get_snapshot')).toBe(true);
    expect(isAllowed(subject(['reader']), 'volume:create_snapshot')).toBe(false);
    expect(isAllowed(subject(['reader']), 'volume:get_snapshot', 'p2')).toBe(false);
  });

  it('lets members write (member implies reader) but not take admin actions', () => {
    expect(isAllowed(subject(['member']), 'volume:get_snapshot')).toBe(true);
    expect(isAllowed(subject(['member']), 'volume:delete_snapshot')).toBe(true);
    expect(isAllowed(subject(['member']), 'volume_extension:snapshot_admin_actions:reset_status')).toBe(false);
  });

  it('lets admins do anything in any project', () => {
    expect(isAllowed(subject(['admin']), 'volume_extension:snapshot_admin_actions:force_delete', 'p9')).toBe(true);
  });

  it("refuses with Cinder's 403 wording", () => {
    expect(() => authorize(subject(['reader']), 'volume:create_snapshot')).toThrow(
      "Policy doesn't allow volume:create_snapshot to be performed.",
    );
    try {
      authorize(subject([]), 'volume:get_snapshot');
    } catch (e) {
      expect((e as { status: number }).status).toBe(403);
    }
  });
});
