import { describe, expect, it } from 'vitest';
import type { VolumeState } from '#ember/volumes';
import { evolveSnapshot, Snapshot, type RequestSnapshot } from './snapshot.aggregate.js';
import { SnapshotEvents } from './snapshot.events.js';

const AT = '2026-11-26T17:00:00.000001Z';
const volume = (over: Partial<VolumeState> = {}): VolumeState => ({
  id: '11111111-1111-4111-8111-111111111111',
  projectId: 'p1',
  status: 'available',
  size: 2,
  migrationStatus: null,
  attachments: [],
  metadata: {},
  deleted: false,
  source: null,
  version: 3,
  ...over,
});
const request = (over: Partial<RequestSnapshot> = {}): RequestSnapshot => ({
  snapshotId: '22222222-2222-4222-8222-222222222222',
  projectId: 'p1',
  userId: 'u1',
  name: 'snapshot1',
  description: null,
  metadata: {},
  allowInUse: false,
  ...over,
});

describe('Snapshot.request', () => {
  it('records SnapshotRequested with the volume size and the volume version it was decided on', () => {
    const [e] = Snapshot.request(volume(), request(), AT);
    expect(e!.type).toBe(SnapshotEvents.Requested);
    expect(e!.data).toMatchObject({ size: 2, volumeVersion: 3, volumeId: volume().id, name: 'snapshot1', at: AT });
  });

  it('refuses an in-use volume unless in-use is allowed, in Cinder words', () => {
    const inUse = volume({ status: 'in-use' });
    expect(() => Snapshot.request(inUse, request(), AT)).toThrow(
      `Invalid volume: Volume ${inUse.id} status must be available, but current status is: in-use.`,
    );
    expect(Snapshot.request(inUse, request({ allowInUse: true }), AT)).toHaveLength(1);
  });

  it.each([
    ['maintenance', 'in maintenance mode'],
    ['error', 'in error status'],
    ['creating', 'status must be available, in-use, but current status is: creating'],
  ])('refuses a %s volume', (status, message) => {
    expect(() => Snapshot.request(volume({ status }), request({ allowInUse: true }), AT)).toThrow(message);
  });

  it('refuses a migrating volume but not one whose migration finished', () => {
    expect(() => Snapshot.request(volume({ migrationStatus: 'migrating' }), request(), AT)).toThrow('migrating');
    expect(Snapshot.request(volume({ migrationStatus: 'success' }), request(), AT)).toHaveLength(1);
  });
});

describe('snapshot lifecycle', () => {
  const requested = { type: SnapshotEvents.Requested, data: Snapshot.request(volume(), request(), AT)[0]!.data };
  const creating = evolveSnapshot(null, requested, 1)!;

  it('starts creating at 0%, progresses, and becomes available at 100%', () => {
    expect(creating).toMatchObject({ status: 'creating', progress: '0%', version: 1 });
    const [p] = Snapshot.progressed(creating, '40%', AT);
    const progressed = evolveSnapshot(creating, p!, 2)!;
    expect(progressed.progress).toBe('40%');
    const [done] = Snapshot.completed(progressed, { bytes: 1, allocatedBytes: 0, checksum: 'sha256-4m:00' }, AT);
    expect(evolveSnapshot(progressed, done!, 3)).toMatchObject({ status: 'available', progress: '100%', version: 3 });
  });

  it('decides nothing once the snapshot is no longer creating (a re-run after completion is a no-op)', () => {
    const available = evolveSnapshot(creating, { type: SnapshotEvents.Available, data: {} }, 2)!;
    expect(Snapshot.completed(available, { bytes: 1, allocatedBytes: 0, checksum: 'x' }, AT)).toEqual([]);
    expect(Snapshot.failed(available, 'X', 'y', AT)).toEqual([]);
    expect(Snapshot.progressed(available, '50%', AT)).toEqual([]);
  });

  it('records a failure as status error', () => {
    const [f] = Snapshot.failed(creating, 'STORAGE_SOURCE_MISSING', 'gone', AT);
    expect(evolveSnapshot(creating, f!, 2)!.status).toBe('error');
  });
});
