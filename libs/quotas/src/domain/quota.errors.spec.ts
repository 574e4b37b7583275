import { describe, expect, it } from 'vitest';
import { QuotaErrors } from './quota.errors.js';

/** Each text is what the real Cinder (Zed oracle) answered in the same situation. */
describe("Cinder's quota messages", () => {
  it('names the class first for the 413s', () => {
    expect(QuotaErrors.snapshotLimitExceeded(0).message).toBe('SnapshotLimitExceeded: Maximum number of snapshots allowed (0) exceeded');
    expect(QuotaErrors.volumeLimitExceeded(2, 'volumes').message).toBe(
      "VolumeLimitExceeded: Maximum number of volumes allowed (2) exceeded for quota 'volumes'.",
    );
    expect(QuotaErrors.gigabytesExceeded('gigabytes___DEFAULT__', 1, 2, 2).message).toBe(
      'VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes___DEFAULT__ quota. ' +
        'Requested 1G, quota is 2G and 2G has been consumed.',
    );
    expect(QuotaErrors.volumeSizeExceedsLimit(1, 0).message).toBe(
      'VolumeSizeExceedsLimit: Requested volume size 1G is larger than maximum allowed limit 0G.',
    );
    expect(QuotaErrors.snapshotLimitExceeded(1).kind).toBe('over_limit');
  });

  it('refuses a limit below usage as a plain 400', () => {
    const e = QuotaErrors.limitBelowUsage('volumes', 2, 0);
    expect(e.kind).toBe('invalid');
    expect(e.message).toBe(
      'Quota volumes limit must be equal or greater than existing resources. Current usage is 2 and the requested limit is 0.',
    );
  });
});
