import { describe, expect, it } from 'vitest';
import { SnapshotEvents } from '#ember/snapshots';
import { VolumeEvents } from '#ember/volumes';
import { bytes, metadataChange } from './describe-values.js';
import { advance, summarize } from './event-summary.js';

const none = { metadata: {} };

describe('event summaries', () => {
  it('says what a snapshot event changed in one line', () => {
    expect(summarize(SnapshotEvents.Updated, { name: 'x', at: 't' }, none)).toBe("renamed to 'x'");
    expect(summarize(SnapshotEvents.Updated, { name: null, description: 'why', at: 't' }, none)).toBe(
      "name cleared, description set to 'why'",
    );
    expect(summarize(SnapshotEvents.StatusReset, { status: 'error', at: 't' }, none)).toBe('status reset to error');
    expect(summarize(SnapshotEvents.DeletionRequested, { force: true, unmanage: false, at: 't' }, none)).toBe('deletion requested (force)');
    expect(summarize(SnapshotEvents.DeletionRequested, { force: false, unmanage: true, at: 't' }, none)).toBe('unmanage requested');
    expect(
      summarize(SnapshotEvents.Available, { bytes: 1024 ** 3, allocatedBytes: 64 * 1024 ** 2, checksum: `sha256-4m:${'ab'.repeat(32)}` }, none),
    ).toBe('copied 1 GiB (64 MiB allocated), checksum sha256-4m:abababababab…');
    expect(summarize(SnapshotEvents.Failed, { code: 'STORAGE_SOURCE_MISSING', reason: 'gone', at: 't' }, none)).toBe(
      'failed: STORAGE_SOURCE_MISSING (gone)',
    );
  });

  it('diffs metadata against what the earlier events left', () => {
    let context = advance(none, SnapshotEvents.Requested, { metadata: { k1: 'a', k2: 'b' } });
    expect(summarize(SnapshotEvents.MetadataChanged, { metadata: { k2: 'c', k3: 'd' } }, context)).toBe('metadata: +k3, -k1, ~k2');
    context = advance(context, SnapshotEvents.MetadataChanged, { metadata: { k2: 'c' } });
    expect(summarize(SnapshotEvents.MetadataChanged, { metadata: { k2: 'c' } }, context)).toBe('metadata: unchanged');
  });

  it('summarizes volume events, and names unknown types as they are', () => {
    expect(summarize(VolumeEvents.Requested, { size: 2, snapshotId: 's1', volumeType: '__DEFAULT__', availabilityZone: 'nova' }, none)).toBe(
      'requested 2 GiB from snapshot s1, type __DEFAULT__, zone nova',
    );
    expect(summarize(VolumeEvents.DeletionRequested, { cascade: true, force: false }, none)).toBe('deletion requested (cascade)');
    expect(summarize(VolumeEvents.StatusReset, { status: 'available', attachStatus: 'detached' }, none)).toBe(
      'status reset to available, attach status reset to detached',
    );
    expect(summarize('volume.teleported.v1', {}, none)).toBe('volume.teleported.v1');
  });

  it('writes sizes in binary units', () => {
    expect([bytes(0), bytes(512), bytes(1536), bytes(67108864), bytes(1610612736)]).toEqual(['0 B', '512 B', '1.5 KiB', '64 MiB', '1.5 GiB']);
    expect(metadataChange({}, {})).toBe('metadata: unchanged');
  });
});
