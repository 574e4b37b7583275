import { describe, expect, it } from 'vitest';
import { validateQuotaSetName, validateQuotaSetUpdate } from './validate-quota-set.js';

/** Expected messages are the real Cinder's (Zed oracle) answers to the same bodies. */
const rejects = (body: unknown) => {
  try {
    validateQuotaSetUpdate(body);
  } catch (e) {
    return { status: (e as { status: number }).status, message: (e as Error).message };
  }
  throw new Error('accepted');
};
const GENERIC = 'The server could not comply with the request since it is either malformed or otherwise incorrect.';

describe('PUT os-quota-sets body, as Cinder validates it', () => {
  it('returns the limits in body order and drops tenant_id / id (OSC sends tenant_id)', () => {
    const limits = validateQuotaSetUpdate({ quota_set: { tenant_id: 'p', snapshots: -1, gigabytes: 0, groups: 3 } });
    expect(limits).toEqual({ snapshots: -1, gigabytes: 0, groups: 3 });
    expect(Object.keys(limits)).toEqual(['snapshots', 'gigabytes', 'groups']);
    expect(validateQuotaSetUpdate({ quota_set: { id: 'abc', tenant_id: 'x' } })).toEqual({});
  });

  it('accepts every key Cinder shows, per-volume-type ones included', () => {
    const keys = ['volumes', 'per_volume_gigabytes', 'snapshots', 'gigabytes', 'backups', 'backup_gigabytes',
      'volumes___DEFAULT__', 'gigabytes___DEFAULT__', 'snapshots___DEFAULT__', 'groups'];
    expect(Object.keys(validateQuotaSetUpdate({ quota_set: Object.fromEntries(keys.map((k) => [k, 1])) }))).toEqual(keys);
  });

  it('refuses values that are no integer in -1..2147483647 with oslo validate_integer wording', () => {
    expect(rejects({ quota_set: { snapshots: -2 } })).toEqual({ status: 400, message: 'snapshots must be >= -1' });
    expect(rejects({ quota_set: { snapshots: 2147483648 } }).message).toBe('snapshots must be <= 2147483647');
    for (const v of [1.5, true, null, 'x', [], {}]) {
      expect(rejects({ quota_set: { snapshots: v } }).message).toBe('snapshots must be an integer');
    }
  });

  it('reports unknown keys together, after any bad value', () => {
    expect(rejects({ quota_set: { foo: 1, bar: 2 } }).message).toBe('Invalid input received: Bad key(s) in quota set: foo, bar');
    expect(rejects({ quota_set: { foo: 1, snapshots: 'x' } }).message).toBe('snapshots must be an integer');
  });

  it("answers integers sent as strings with webob's generic 400 (Cinder's usage comparison breaks on them)", () => {
    expect(rejects({ quota_set: { snapshots: '7' } })).toEqual({ status: 400, message: GENERIC });
    expect(rejects({ quota_set: { gigabytes: '-1' } }).message).toBe(GENERIC);
    // …except per_volume_gigabytes, which Cinder never compares with usage.
    expect(validateQuotaSetUpdate({ quota_set: { per_volume_gigabytes: ' 5 ' } })).toEqual({ per_volume_gigabytes: 5 });
  });

  it('checks the envelope with jsonschema wording: required, object, at least one key, nothing else', () => {
    expect(rejects({ qs: {} }).message).toBe("'quota_set' is a required property");
    expect(rejects({ quota_set: [] }).message).toBe(
      "Invalid input for field/attribute quota_set. Value: []. [] is not of type 'object'",
    );
    expect(rejects({ quota_set: {} }).message).toBe(
      'Invalid input for field/attribute quota_set. Value: {}. {} does not have enough properties',
    );
    expect(rejects({ quota_set: { snapshots: 1 }, x: 1 }).message).toBe("Additional properties are not allowed ('x' was unexpected)");
  });

  it('limits the target project id to 255 characters', () => {
    expect(() => validateQuotaSetName('a'.repeat(255))).not.toThrow();
    expect(() => validateQuotaSetName('a'.repeat(256))).toThrow(
      'Invalid input received: quota_set_name has 256 characters, more than 255.',
    );
  });
});
