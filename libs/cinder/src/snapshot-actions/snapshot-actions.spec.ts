import { describe, expect, it } from 'vitest';
import { metadataBody, metaItemBody } from './snapshot-metadata.js';
import { validateResetSnapshotStatus, validateUpdateSnapshotStatus } from './validate-snapshot-actions.js';

const fault = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { status: (e as { status: number }).status, message: (e as Error).message };
  }
  throw new Error('expected a fault');
};

describe('snapshot action bodies (messages as the real Cinder answers them)', () => {
  it('lower-cases a valid reset status and lists the valid ones otherwise', () => {
    expect(validateResetSnapshotStatus({ 'os-reset_status': { status: 'AVAILABLE' } })).toBe('available');
    expect(fault(() => validateResetSnapshotStatus({ 'os-reset_status': { status: 'bogus' } })).message).toBe(
      "Snapshot status: bogus is invalid, valid statuses are: ('error', 'available', 'creating', 'deleting', 'deleted', 'updating', 'error_deleting', 'unmanaging', 'backing-up', 'restoring').",
    );
    expect(fault(() => validateResetSnapshotStatus({ 'os-reset_status': {} })).message).toBe(
      "Invalid input for field/attribute os-reset_status. Value: {}. 'status' is a required property",
    );
  });

  it('checks progress as an integer percentage up to 100', () => {
    expect(validateUpdateSnapshotStatus({ 'os-update_snapshot_status': { status: 'creating', progress: '50%' } })).toEqual({
      status: 'creating',
      progress: '50%',
    });
    expect(fault(() => validateUpdateSnapshotStatus({ 'os-update_snapshot_status': { status: 'creating', progress: '5' } })).message).toBe(
      'Invalid input received: progress must be an integer percentage',
    );
    expect(fault(() => validateUpdateSnapshotStatus({ 'os-update_snapshot_status': { status: 'x', progress: '101%' } })).message).toBe(
      'Invalid input received: progress must be an integer percentage between 0 and 100',
    );
  });
});

describe('snapshot metadata bodies', () => {
  it('answers 400 for a missing element, an empty key or a non-string value, and 413 for oversize', () => {
    expect(fault(() => metadataBody({ metadata: [] })).message).toBe("Missing required element 'metadata' in request body.");
    expect(fault(() => metadataBody({ metadata: { '': 'v' } })).message).toBe(
      'Invalid metadata: Invalid input received: Metadata key:  has 0 characters, less than 1.',
    );
    expect(fault(() => metadataBody({ metadata: { k: null } })).message).toBe(
      'Invalid metadata: Invalid input received: Value for metadata key: k is not a string or unicode',
    );
    const big = fault(() => metadataBody({ metadata: { k: 'x'.repeat(256) } }));
    expect(big).toEqual({ status: 413, message: 'Invalid metadata size: Metadata property key k value greater than 255 characters.' });
    expect(metadataBody({ metadata: { 'a/b!': 'v' } })).toEqual({ 'a/b!': 'v' });
  });

  it('requires the URL key, and only it, in a per-key update', () => {
    expect(metaItemBody({ meta: { k: 'v' } }, 'k')).toEqual({ k: 'v' });
    expect(fault(() => metaItemBody({ meta: { k: 'v' } }, 'zz')).message).toBe('Request body and URI mismatch');
    expect(fault(() => metaItemBody({ meta: { k: 'v', j: 'w' } }, 'k')).message).toBe('Request body contains too many items');
  });
});
