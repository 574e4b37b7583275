import { describe, expect, it } from 'vitest';
import { evolveVolume, Volume, type VolumeState } from './volume.aggregate.js';
import { VolumeEvents } from './volume.events.js';

const AT = '2026-11-26T17:00:00.000001Z';
const requested = {
  type: VolumeEvents.Requested,
  data: { volumeId: 'v1', projectId: 'p1', userId: 'u', name: null, description: null, metadata: {}, size: 1 },
};
const fold = (...steps: Array<(s: VolumeState) => { type: string; data: Record<string, unknown> }[]>) =>
  steps.reduce((s, step, i) => step(s).reduce((acc, e) => evolveVolume(acc, e, i + 2)!, s), evolveVolume(null, requested, 1)!);

describe('Volume', () => {
  it('is creating until allocated, then available', () => {
    expect(fold().status).toBe('creating');
    expect(fold(() => Volume.markAvailable(1 << 30, AT)).status).toBe('available');
  });

  it('becomes in-use when attached and available again when its last attachment is detached', () => {
    const attached = fold(
      () => Volume.markAvailable(1, AT),
      (s) => Volume.attach(s, { attachmentId: 'a1', instanceUuid: 'i', hostName: null, mountpoint: '/dev/vdb', mode: 'rw' }, AT),
    );
    expect(attached.status).toBe('in-use');
    const detached = evolveVolume(attached, Volume.detach(attached, null, AT)[0]!, 9)!;
    expect(detached.status).toBe('available');
    expect(detached.attachments).toEqual([]);
  });

  it('refuses to attach a volume that is still creating, or to detach one that is not attached', () => {
    const creating = fold();
    expect(() =>
      Volume.attach(creating, { attachmentId: 'a', instanceUuid: 'i', hostName: null, mountpoint: '/x', mode: 'rw' }, AT),
    ).toThrow('current status is: creating');
    const available = fold(() => Volume.markAvailable(1, AT));
    expect(() => Volume.detach(available, null, AT)).toThrow('is not attached');
  });
});
