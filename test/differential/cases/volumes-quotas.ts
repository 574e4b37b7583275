import type { Case } from '../case.js';
import { group, qs } from './helpers.js';

const V = '/v3/{project}/volumes';
const Q = '/v3/{project}/os-quota-sets';
const revert = (snapshot: unknown) => ({ revert: { snapshot_id: snapshot } });

export const volumeCases: Case[] = group('volumes', [
  { name: 'create a 1 GiB volume', method: 'POST', path: V, body: { volume: { size: 1, name: 'diff-vol' } }, compare: { values: ['volume.status', 'volume.size', 'volume.name'] } },
  { name: 'create a volume at 3.65 (body shape)', method: 'POST', path: V, mv: '3.65', body: { volume: { size: 1 } } },
  { name: 'create a volume with size as a string', method: 'POST', path: V, body: { volume: { size: '1' } } },
  { name: 'create a volume of size 0', method: 'POST', path: V, body: { volume: { size: 0 } } },
  { name: 'create a volume of size abc', method: 'POST', path: V, body: { volume: { size: 'abc' } } },
  { name: 'create a volume without the volume key', method: 'POST', path: V, body: { size: 1 } },
  { name: 'create a volume with an unknown key at 3.0', method: 'POST', path: V, body: { volume: { size: 1, colour: 'red' } } },
  { name: 'create a volume with an unknown key at 3.53', method: 'POST', path: V, mv: '3.53', body: { volume: { size: 1, colour: 'red' } } },
  { name: 'create a volume with multiattach true', method: 'POST', path: V, body: { volume: { size: 1, multiattach: true } } },
  { name: 'show an available volume', method: 'GET', path: `${V}/{available_volume}`, compare: { values: ['volume.status', 'volume.size', 'volume.attachments'] } },
  { name: 'show an in-use volume', method: 'GET', path: `${V}/{in_use_volume}`, compare: { values: ['volume.status'] } },
  { name: 'show a volume at 3.65', method: 'GET', path: `${V}/{available_volume}`, mv: '3.65' },
  { name: 'show an unknown volume (404)', method: 'GET', path: `${V}/{missing_uuid}` },
  { name: 'show a non-uuid volume id (404)', method: 'GET', path: `${V}/vol-a` },
  { name: 'revert below 3.40 (404)', method: 'POST', path: `${V}/{available_volume}/action`, mv: '3.39', body: revert('{snapshot}') },
  { name: 'revert at 3.40 with snapshot_id null', method: 'POST', path: `${V}/{available_volume}/action`, mv: '3.40', body: revert(null) },
  { name: 'revert at 3.40 to an unknown snapshot', method: 'POST', path: `${V}/{available_volume}/action`, mv: '3.40', body: revert('{missing_uuid}') },
  { name: 'an unknown volume action', method: 'POST', path: `${V}/{available_volume}/action`, body: { 'os-bogus': {} } },
  { name: 'a volume action on an unknown volume', method: 'POST', path: `${V}/{missing_uuid}/action`, body: { 'os-reserve': {} } },
]);

export const quotaCases: Case[] = group('quotas and limits', [
  { name: 'show the quota set', method: 'GET', path: `${Q}/{project}`, compare: { values: ['quota_set.snapshots', 'quota_set.gigabytes', 'quota_set.volumes'] } },
  { name: 'show the quota set with usage', method: 'GET', path: `${Q}/{project}${qs({ usage: 'True' })}` },
  { name: 'show the default quota set', method: 'GET', path: `${Q}/{project}/defaults` },
  { name: 'update the snapshots quota of a project', method: 'PUT', path: `${Q}/{quota_project}`, body: { quota_set: { snapshots: 20 } }, compare: { values: ['quota_set.snapshots'] } },
  { name: 'update a quota with a non-integer', method: 'PUT', path: `${Q}/{quota_project}`, body: { quota_set: { snapshots: 'abc' } } },
  { name: 'update a quota below -1', method: 'PUT', path: `${Q}/{quota_project}`, body: { quota_set: { snapshots: -2 } } },
  { name: 'update an unknown quota', method: 'PUT', path: `${Q}/{quota_project}`, body: { quota_set: { bogus: 1 } } },
  { name: 'update quotas without quota_set', method: 'PUT', path: `${Q}/{quota_project}`, body: { snapshots: 1 } },
  { name: 'absolute limits', method: 'GET', path: '/v3/{project}/limits', compare: { values: ['limits.absolute.maxTotalSnapshots', 'limits.absolute.maxTotalVolumeGigabytes'] } },
]);
