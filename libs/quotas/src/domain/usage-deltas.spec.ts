import { describe, expect, it } from 'vitest';
import { usageChange } from './usage-deltas.js';

describe('usage change of an event', () => {
  it('charges a snapshot or volume request one item and its size, gigabytes first', () => {
    expect(usageChange({ type: 'snapshot.requested.v1', data: { projectId: 'p', size: 3 } })).toEqual({
      projectId: 'p',
      deltas: [['gigabytes', 3], ['snapshots', 1]],
    });
    expect(usageChange({ type: 'volume.requested.v1', data: { projectId: 'p', size: 2 } })?.deltas).toEqual([
      ['gigabytes', 2],
      ['volumes', 1],
    ]);
  });

  it('gives back a deleted snapshot only if it consumed quota, and a deleted volume', () => {
    const deleted = (consumesQuota: boolean) => ({
      type: 'snapshot.deleted.v1',
      data: { projectId: 'p', size: 3, consumesQuota, unmanaged: false },
    });
    expect(usageChange(deleted(true))?.deltas).toEqual([['gigabytes', -3], ['snapshots', -1]]);
    expect(usageChange(deleted(false))).toBeNull();
    expect(usageChange({ type: 'volume.deleted.v1', data: { projectId: 'p', size: 2 } })?.deltas).toEqual([
      ['gigabytes', -2],
      ['volumes', -1],
    ]);
  });

  it('charges an extension its growth when asked and gives it back when it fails, given the volume sizes', () => {
    const sizes = { projectId: 'p', size: 2, newSize: 5 };
    expect(usageChange({ type: 'volume.extend_requested.v1', data: { newSize: 5 } }, sizes)?.deltas).toEqual([['gigabytes', 3]]);
    expect(usageChange({ type: 'volume.extend_failed.v1', data: {} }, sizes)?.deltas).toEqual([['gigabytes', -3]]);
    expect(usageChange({ type: 'volume.extended.v1', data: { size: 5 } }, sizes)).toBeNull();
  });

  it('leaves usage alone for other events (a failed snapshot keeps its quota until deleted)', () => {
    expect(usageChange({ type: 'snapshot.failed.v1', data: {} })).toBeNull();
    expect(usageChange({ type: 'volume.available.v1', data: {} })).toBeNull();
  });
});
