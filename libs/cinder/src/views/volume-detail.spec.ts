import { describe, expect, it } from 'vitest';
import { ApiVersion } from '../microversions/api-version.js';
import { HAVE_SAMPLES, loadSample, samplesTitle, shapeOf } from './__fixtures__/cinder-samples.js';
import { volumeDetail } from './volume-detail.js';
import type { VolumeView, VolumeViewOptions } from './volume-view.js';

const PROJECT = 'bab7d5c60cd041a0a36f7c4b6e1dd978';
const VOL: VolumeView = {
  id: 'ba4ef252-761f-454a-914b-d0324fd63e75',
  projectId: PROJECT,
  userId: 'admin',
  name: null,
  description: null,
  status: 'available',
  size: 1,
  metadata: {},
  createdAt: '2026-11-26T17:01:20.000000',
  updatedAt: null,
  snapshotId: null,
  sourceVolid: null,
  availabilityZone: 'nova',
  volumeType: '__DEFAULT__',
  volumeTypeId: '86255c7d-8004-4a82-a033-d52cf764e7c7',
  bootable: false,
  attachments: [],
  multiattach: false,
  consumesQuota: true,
  migrationStatus: null,
  host: null,
};
const ADMIN: VolumeViewOptions = { baseUrl: 'http://127.0.0.1:18776', projectInUrl: PROJECT, admin: true };
const v = ApiVersion.of;

describe('volumeDetail', () => {
  it('links to the volume with and without the version, keeping the project only if the URL had it', () => {
    expect(volumeDetail(VOL, v('3.0'), ADMIN).links).toEqual([
      { rel: 'self', href: `http://127.0.0.1:18776/v3/${PROJECT}/volumes/${VOL.id}` },
      { rel: 'bookmark', href: `http://127.0.0.1:18776/${PROJECT}/volumes/${VOL.id}` },
    ]);
    const projectLess = { ...ADMIN, projectInUrl: null, baseUrl: 'https://api.example/' };
    expect(volumeDetail(VOL, v('3.0'), projectLess).links).toEqual([
      { rel: 'self', href: `https://api.example/v3/volumes/${VOL.id}` },
      { rel: 'bookmark', href: `https://api.example/volumes/${VOL.id}` },
    ]);
  });

  it('renders bootable as the strings "true"/"false"', () => {
    expect(volumeDetail(VOL, v('3.0'), ADMIN).bootable).toBe('false');
    expect(volumeDetail({ ...VOL, bootable: true }, v('3.0'), ADMIN).bootable).toBe('true');
  });

  it('shows internal managing statuses the way Cinder does', () => {
    expect(volumeDetail({ ...VOL, status: 'managing' }, v('3.0'), ADMIN).status).toBe('creating');
    expect(volumeDetail({ ...VOL, status: 'error_managing' }, v('3.0'), ADMIN).status).toBe('error');
    expect(volumeDetail({ ...VOL, status: 'in-use' }, v('3.0'), ADMIN).status).toBe('in-use');
  });

  it.each([
    ['3.0', []],
    ['3.13', ['group_id']],
    ['3.21', ['group_id', 'provider_id']],
    ['3.48', ['group_id', 'provider_id', 'shared_targets', 'service_uuid']],
    ['3.61', ['group_id', 'provider_id', 'shared_targets', 'service_uuid', 'cluster_name']],
    ['3.63', ['group_id', 'provider_id', 'shared_targets', 'service_uuid', 'cluster_name', 'volume_type_id']],
    [
      '3.65',
      ['group_id', 'provider_id', 'shared_targets', 'service_uuid', 'cluster_name', 'volume_type_id', 'consumes_quota'],
    ],
  ])('for an admin at %s adds %j after migration_status', (version, added) => {
    const keys = Object.keys(volumeDetail(VOL, v(version), { ...ADMIN, extendedAttributes: false }));
    expect(keys.slice(keys.indexOf('migration_status') + 1)).toEqual(added);
  });

  it('hides admin-only fields and extension keys from other callers, keeping the tenant id', () => {
    const json = volumeDetail(VOL, v('3.65'), { ...ADMIN, admin: false });
    const adminOnly = ['migration_status', 'provider_id', 'cluster_name', 'os-vol-host-attr:host', 'os-vol-mig-status-attr:migstat'];
    for (const key of adminOnly) {
      expect(json).not.toHaveProperty([key]);
    }
    expect(json['os-vol-tenant-attr:tenant_id']).toBe(PROJECT);
  });

  it('leaves the extension keys out of create responses', () => {
    const json = volumeDetail(VOL, v('3.65'), { ...ADMIN, extendedAttributes: false });
    expect(Object.keys(json).filter((k) => k.startsWith('os-vol-'))).toEqual([]);
  });
});

describe.skipIf(!HAVE_SAMPLES)(samplesTitle('volume views against the api-ref samples'), () => {
  it.each([
    ['volumes/v3.65/volume-create-response.json', false],
    ['volumes/v3.65/volume-show-response.json', true],
  ])('%s has the same keys and value types (admin, 3.65)', (file, extendedAttributes) => {
    const sample = loadSample(file).volume as Record<string, unknown>;
    expect(shapeOf(volumeDetail(VOL, v('3.65'), { ...ADMIN, extendedAttributes }))).toEqual(shapeOf(sample));
  });

  it('reproduces the show sample from its own values', () => {
    const s = loadSample('volumes/v3.65/volume-show-response.json').volume as Record<string, unknown>;
    const href = (s.links as Array<{ href: string }>)[0]!.href;
    const view: VolumeView = {
      ...VOL,
      id: s.id as string,
      projectId: s['os-vol-tenant-attr:tenant_id'] as string,
      userId: s.user_id as string,
      status: s.status as string,
      size: s.size as number,
      createdAt: s.created_at as string,
      volumeType: s.volume_type as string,
      volumeTypeId: s.volume_type_id as string,
    };
    const opts = { baseUrl: new URL(href).origin, projectInUrl: view.projectId, admin: true };
    expect(volumeDetail(view, v('3.65'), opts)).toEqual(s);
  });
});
