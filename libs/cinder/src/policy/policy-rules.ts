/**
 * Cinder's default policy personas (`cinder/policies/base.py`), with Keystone's default implied
 * roles (admin ⊃ member ⊃ reader):
 * - `reader`: admin, or a reader of the target's project;
 * - `member`: admin, or a member of the target's project;
 * - `admin`: admin only (`admin_api`).
 */
export type Persona = 'reader' | 'member' | 'admin';

/** The default persona of each Cinder policy rule Ember enforces. */
export const POLICY_RULES = {
  'volume:create_snapshot': 'member',
  'volume:get_all_snapshots': 'reader',
  'volume:get_snapshot': 'reader',
  'volume_extension:extended_snapshot_attributes': 'reader',
  'volume:update_snapshot': 'member',
  'volume:delete_snapshot': 'member',
  'volume:get_snapshot_metadata': 'reader',
  'volume:update_snapshot_metadata': 'member',
  'volume:delete_snapshot_metadata': 'member',
  'volume_extension:snapshot_admin_actions:reset_status': 'admin',
  'volume_extension:snapshot_admin_actions:force_delete': 'admin',
  'snapshot_extension:snapshot_actions:update_snapshot_status': 'member',
  'snapshot_extension:snapshot_unmanage': 'admin',
  'snapshot_extension:snapshot_manage': 'admin',
  'snapshot_extension:list_manageable': 'admin',
  'volume:create': 'member',
  'volume:get': 'reader',
  'volume:get_all': 'reader',
  'volume:update': 'member',
  'volume:delete': 'member',
  'volume:extend': 'member',
  'volume:revert_to_snapshot': 'member',
  'volume:update_volume_metadata': 'member',
  'volume:delete_volume_metadata': 'member',
  'volume:get_volume_metadata': 'reader',
  'volume_extension:volume_admin_actions:reset_status': 'admin',
  'volume_extension:volume_admin_actions:force_delete': 'admin',
  'volume_extension:volume_actions:attach': 'member',
  'volume_extension:volume_actions:detach': 'member',
  'volume_extension:volume_actions:reserve': 'member',
  'volume_extension:volume_actions:unreserve': 'member',
  'volume_extension:volume_actions:begin_detaching': 'member',
  'volume_extension:volume_actions:roll_detaching': 'member',
  'volume:attachment_create': 'member',
  'volume:attachment_update': 'member',
  'volume:attachment_complete': 'member',
  'volume:attachment_delete': 'member',
  'volume_extension:quotas:show': 'reader',
  'volume_extension:quotas:update': 'admin',
  'volume_extension:quotas:delete': 'admin',
  'limits_extension:used_limits': 'reader',
  'volume:get_all_admin': 'admin',
  'ember:audit': 'admin',
} as const satisfies Record<string, Persona>;

export type PolicyRule = keyof typeof POLICY_RULES;
