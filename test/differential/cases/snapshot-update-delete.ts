import type { Case } from '../case.js';
import { group } from './helpers.js';

const NEW = '/v3/{project}/snapshots/{new_snapshot}';
const VALUES = ['snapshot.name', 'snapshot.description', 'snapshot.status'];
const put = (name: string, body: unknown, extra: Partial<Case> = {}): Omit<Case, 'group'> => ({ name, method: 'PUT', path: NEW, body, ...extra });
const AFTER = { method: 'GET' as const, path: NEW, compare: { values: VALUES } };

export const snapshotUpdateCases: Case[] = group('snapshot update', [
  put('name and description', { snapshot: { name: 'renamed', description: 'new description' } }, { compare: { values: VALUES }, then: AFTER }),
  put('name only at 3.65 (body shape)', { snapshot: { name: 'renamed' } }, { mv: '3.65' }),
  put('display_name and display_description', { snapshot: { display_name: 'legacy', display_description: 'legacy d' } }, { compare: { values: VALUES } }),
  put('update: name null', { snapshot: { name: null } }, { compare: { values: VALUES } }),
  put('update: name with surrounding spaces is stripped', { snapshot: { name: '  x  ' } }, { compare: { values: VALUES } }),
  put('empty snapshot object', { snapshot: {} }),
  put('update: no snapshot key', { name: 'x' }),
  put('snapshot null', { snapshot: null }),
  put('an unknown key', { snapshot: { name: 'x', colour: 'red' } }),
  put('metadata is not updatable here', { snapshot: { metadata: { a: 'b' } } }),
  put('status is not updatable here', { snapshot: { status: 'error' } }),
  put('update: name of 256 characters', { snapshot: { name: 'n'.repeat(256) } }),
  put('update: description of 256 characters', { snapshot: { description: 'd'.repeat(256) } }),
  put('description with a control character', { snapshot: { description: 'a\u0007b' } }),
  put('update of a creating snapshot (no status rule)', { snapshot: { name: 'while creating' } }, { path: '/v3/{project}/snapshots/{new_creating_snapshot}', compare: { values: VALUES } }),
  put('update of an unknown snapshot (404)', { snapshot: { name: 'x' } }, { path: '/v3/{project}/snapshots/{missing_uuid}' }),
  put('update of a non-uuid id (404)', { snapshot: { name: 'x' } }, { path: '/v3/{project}/snapshots/snap-a' }),
  put('update with invalid JSON', undefined, { raw: { text: '{', contentType: 'application/json' } }),
]);

export const snapshotDeleteCases: Case[] = group('snapshot delete', [
  { name: 'delete of an available snapshot (202)', method: 'DELETE', path: NEW },
  { name: 'delete of an error snapshot (202)', method: 'DELETE', path: '/v3/{project}/snapshots/{new_error_snapshot}' },
  { name: 'delete of a creating snapshot (400)', method: 'DELETE', path: '/v3/{project}/snapshots/{new_creating_snapshot}' },
  { name: 'delete of a deleting snapshot (400)', method: 'DELETE', path: '/v3/{project}/snapshots/{new_deleting_snapshot}' },
  { name: 'delete of an unknown snapshot (404)', method: 'DELETE', path: '/v3/{project}/snapshots/{missing_uuid}' },
  { name: 'delete of a non-uuid id (404)', method: 'DELETE', path: '/v3/{project}/snapshots/snap-a' },
]);
