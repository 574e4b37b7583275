import type { Case } from '../case.js';
import { group, qs } from './helpers.js';

const MS = '/v3/{project}/manageable_snapshots';
const LEGACY = '/v3/{project}/os-snapshot-manage';
const manage = (fields: Record<string, unknown>) => ({ snapshot: { volume_id: '{available_volume}', ref: { 'source-name': 'lv-1' }, ...fields } });

// The oracle runs no cinder-volume service, so only the paths that fail before the backend is asked
// are compared (a valid manage request answers 404 "Service cinder-volume could not be found" there).
export const snapshotManageCases: Case[] = group('manageable snapshots', [
  { name: 'GET manageable_snapshots at 3.7 (404)', method: 'GET', path: `${MS}${qs({ host: 'h' })}`, mv: '3.7' },
  { name: 'GET manageable_snapshots at 3.8 without host', method: 'GET', path: MS, mv: '3.8' },
  { name: 'GET manageable_snapshots/detail at 3.8 without host', method: 'GET', path: `${MS}/detail`, mv: '3.8' },
  { name: 'GET manageable_snapshots at 3.17 with host and cluster', method: 'GET', path: `${MS}${qs({ host: 'h', cluster: 'c' })}`, mv: '3.17' },
  { name: 'GET manageable_snapshots at 3.8 with an unknown host', method: 'GET', path: `${MS}${qs({ host: 'nohost' })}`, mv: '3.8' },
  { name: 'GET os-snapshot-manage without host', method: 'GET', path: LEGACY },
  { name: 'POST manageable_snapshots at 3.7 (404)', method: 'POST', path: MS, mv: '3.7', body: manage({}) },
  { name: 'POST manageable_snapshots at 3.8 without ref', method: 'POST', path: MS, mv: '3.8', body: { snapshot: { volume_id: '{available_volume}' } } },
  { name: 'POST manageable_snapshots at 3.8 without volume_id', method: 'POST', path: MS, mv: '3.8', body: { snapshot: { ref: 'x' } } },
  { name: 'POST manageable_snapshots at 3.8 with volume_id null', method: 'POST', path: MS, mv: '3.8', body: manage({ volume_id: null }) },
  { name: 'POST manageable_snapshots at 3.8 with an unknown property', method: 'POST', path: MS, mv: '3.8', body: manage({ force: true }) },
  { name: 'POST manageable_snapshots at 3.8 with name of 256 characters', method: 'POST', path: MS, mv: '3.8', body: manage({ name: 'n'.repeat(256) }) },
  { name: 'POST manageable_snapshots at 3.8 on an unknown volume (404)', method: 'POST', path: MS, mv: '3.8', body: manage({ volume_id: '{missing_uuid}' }) },
  { name: 'POST manageable_snapshots without a snapshot key', method: 'POST', path: MS, mv: '3.8', body: { ref: 'x' } },
  { name: 'POST os-snapshot-manage without ref', method: 'POST', path: LEGACY, body: { snapshot: { volume_id: '{available_volume}' } } },
  { name: 'POST os-snapshot-manage on an unknown volume (404)', method: 'POST', path: LEGACY, body: manage({ volume_id: '{missing_uuid}' }) },
]);
