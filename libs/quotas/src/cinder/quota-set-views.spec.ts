import { describe, expect, it } from 'vitest';
import type { ProjectQuotas } from '../application/project-quotas.js';
import { defaultLimits, QUOTA_KEYS } from '../domain/quota-keys.js';
import { limitsView, quotaSetView } from './quota-set-views.js';

const quotas: ProjectQuotas = {
  projectId: 'p1',
  limits: { ...defaultLimits({ snapshots: 10, volumes: 10, gigabytes: 1000 }), snapshots: 5 },
  inUse: Object.fromEntries(QUOTA_KEYS.map((k) => [k, 0])),
};
quotas.inUse = { ...quotas.inUse, volumes: 2, gigabytes: 3, volumes___DEFAULT__: 2, gigabytes___DEFAULT__: 3 };

describe('quota set and limits views', () => {
  it("lists Cinder's keys in Cinder's order with the project id last", () => {
    const body = quotaSetView(quotas);
    expect(Object.keys(body.quota_set)).toEqual([
      'volumes', 'per_volume_gigabytes', 'snapshots', 'gigabytes', 'backups', 'backup_gigabytes',
      'volumes___DEFAULT__', 'gigabytes___DEFAULT__', 'snapshots___DEFAULT__', 'groups', 'id',
    ]);
    expect(body.quota_set).toMatchObject({ volumes: 10, per_volume_gigabytes: -1, snapshots: 5, gigabytes: 1000, backups: 10,
      backup_gigabytes: 1000, snapshots___DEFAULT__: -1, groups: 10, id: 'p1' });
  });

  it('gives limit, in_use and reserved per key with usage, and no id in the update answer', () => {
    const body = quotaSetView(quotas, { usage: true });
    expect(body.quota_set.gigabytes).toEqual({ limit: 1000, in_use: 3, reserved: 0 });
    expect(body.quota_set.volumes___DEFAULT__).toEqual({ limit: -1, in_use: 2, reserved: 0 });
    expect(quotaSetView(quotas, { withId: false }).quota_set).not.toHaveProperty('id');
  });

  it('builds /limits as the sample: rate [], max* then total*Used, the used ones only when allowed', () => {
    const body = limitsView(quotas, true);
    expect(body).toEqual({
      limits: {
        rate: [],
        absolute: {
          maxTotalVolumes: 10, maxTotalSnapshots: 5, maxTotalVolumeGigabytes: 1000, maxTotalBackups: 10,
          maxTotalBackupGigabytes: 1000, totalVolumesUsed: 2, totalGigabytesUsed: 3, totalSnapshotsUsed: 0,
          totalBackupsUsed: 0, totalBackupGigabytesUsed: 0,
        },
      },
    });
    expect(Object.keys(limitsView(quotas, false).limits.absolute)).toHaveLength(5);
  });
});
