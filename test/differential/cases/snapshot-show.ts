import type { Case } from '../case.js';
import { group, SNAPSHOT } from './helpers.js';

const VALUES = ['snapshot.status', 'snapshot.name', 'snapshot.description', 'snapshot.metadata', 'snapshot.size', 'snapshot.os-extended-snapshot-attributes:progress', 'snapshot.os-extended-snapshot-attributes:project_id'];

export const snapshotShowCases: Case[] = group('snapshot show', [
  { name: 'show at 3.0', method: 'GET', path: SNAPSHOT, compare: { values: VALUES } },
  { name: 'show at 3.13 (before group_snapshot_id)', method: 'GET', path: SNAPSHOT, mv: '3.13' },
  { name: 'show at 3.14 (group_snapshot_id)', method: 'GET', path: SNAPSHOT, mv: '3.14', compare: { values: ['snapshot.group_snapshot_id'] } },
  { name: 'show at 3.40 (before user_id)', method: 'GET', path: SNAPSHOT, mv: '3.40' },
  { name: 'show at 3.41 (user_id)', method: 'GET', path: SNAPSHOT, mv: '3.41', compare: { values: ['snapshot.user_id'] } },
  { name: 'show at 3.64 (before consumes_quota)', method: 'GET', path: SNAPSHOT, mv: '3.64' },
  { name: 'show at 3.65 (consumes_quota)', method: 'GET', path: SNAPSHOT, mv: '3.65', compare: { values: ['snapshot.consumes_quota'] } },
  { name: 'show at 3.70', method: 'GET', path: SNAPSHOT, mv: '3.70' },
  { name: 'show of a creating snapshot (progress 0%)', method: 'GET', path: '/v3/{project}/snapshots/{creating_snapshot}', compare: { values: VALUES } },
  { name: 'show of a non-uuid id (404)', method: 'GET', path: '/v3/{project}/snapshots/snap-a' },
  { name: 'show of an unknown uuid (404)', method: 'GET', path: '/v3/{project}/snapshots/{missing_uuid}' },
  { name: 'show of an unknown id as 32 hex digits (404)', method: 'GET', path: '/v3/{project}/snapshots/{missing_uuid_hex}' },
  { name: 'show of a snapshot of another project as admin', method: 'GET', path: '/v3/{list_project}/snapshots/{snapshot}', token: '{user}:{list_project}' },
  { name: 'show of the detail route name as an id is the list', method: 'GET', path: '/v3/{project}/snapshots/detail', compare: { shape: false } },
]);
