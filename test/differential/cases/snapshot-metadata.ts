import type { Case } from '../case.js';
import { UNROUTED } from './versions.js';
import { group } from './helpers.js';

const M = '/v3/{project}/snapshots/{new_snapshot}/metadata';
const ALL = { values: ['metadata'] };
const ONE = { values: ['meta'] };
const AFTER = { method: 'GET' as const, path: M, compare: ALL };
type Meta = Omit<Case, 'group'>;
const get = (name: string, path: string, extra: Partial<Case> = {}): Meta => ({ name, method: 'GET', path, ...extra });
const post = (name: string, body: unknown, extra: Partial<Case> = {}): Meta => ({ name, method: 'POST', path: M, body, ...extra });
const put = (name: string, path: string, body: unknown, extra: Partial<Case> = {}): Meta => ({ name, method: 'PUT', path, body, ...extra });
const del = (name: string, path: string, extra: Partial<Case> = {}): Meta => ({ name, method: 'DELETE', path, ...extra });

export const snapshotMetadataCases: Case[] = group('snapshot metadata', [
  get('GET all metadata', M, { compare: ALL }),
  get('GET metadata of a creating snapshot', '/v3/{project}/snapshots/{creating_snapshot}/metadata', { compare: ALL }),
  get('GET metadata of an unknown snapshot (404)', '/v3/{project}/snapshots/{missing_uuid}/metadata'),
  get('GET one key', `${M}/k1`, { compare: ONE }),
  get('GET a missing key (404)', `${M}/nope`),
  get('GET a key of an unknown snapshot (404)', '/v3/{project}/snapshots/{missing_uuid}/metadata/k1'),
  post('POST merges and answers the full metadata', { metadata: { k3: 'v3', k1: 'changed' } }, { compare: ALL, then: AFTER }),
  post('POST an empty object', { metadata: {} }, { compare: ALL }),
  post('POST with an extra top-level key (allowed)', { metadata: { k3: 'v3' }, other: 1 }, { compare: ALL }),
  post('POST without the metadata key', { meta: { k3: 'v3' } }),
  post('POST metadata null', { metadata: null }),
  post('POST metadata a list', { metadata: ['a'] }),
  post('POST a value of 255 characters', { metadata: { k: 'v'.repeat(255) } }, { compare: ALL }),
  post('POST a value of 256 characters (413)', { metadata: { k: 'v'.repeat(256) } }),
  post('POST a key of 256 characters', { metadata: { ['k'.repeat(256)]: 'v' } }),
  post('POST a key with / (not allowed here)', { metadata: { 'a/b': 'v' } }),
  post('POST a key with a space', { metadata: { 'a b': 'v' } }, { compare: ALL }),
  post('POST an empty key', { metadata: { '': 'v' } }),
  post('POST a value that is a number', { metadata: { k: 1 } }),
  post('POST a value that is null', { metadata: { k: null } }),
  post('POST on an unknown snapshot (404)', { metadata: { k: 'v' } }, { path: '/v3/{project}/snapshots/{missing_uuid}/metadata' }),
  post('POST on a creating snapshot', { metadata: { k: 'v' } }, { path: '/v3/{project}/snapshots/{new_creating_snapshot}/metadata', compare: ALL }),
  post('POST invalid JSON', undefined, { raw: { text: '{"metadata": ', contentType: 'application/json' } }),
  put('PUT replaces everything', M, { metadata: { only: 'this' } }, { compare: ALL, then: AFTER }),
  put('PUT an empty object deletes everything', M, { metadata: {} }, { compare: ALL, then: AFTER }),
  put('PUT without the metadata key', M, { meta: { k: 'v' } }),
  put('PUT a value of 256 characters', M, { metadata: { k: 'v'.repeat(256) } }),
  put('PUT one key', `${M}/k1`, { meta: { k1: 'new' } }, { compare: ONE, then: AFTER }),
  put('PUT a new key', `${M}/k9`, { meta: { k9: 'v9' } }, { compare: ONE, then: AFTER }),
  put('PUT a key: body and URI mismatch', `${M}/k1`, { meta: { other: 'x' } }),
  put('PUT a key with two properties', `${M}/k1`, { meta: { k1: 'a', k2: 'b' } }),
  put('PUT a key with an empty meta', `${M}/k1`, { meta: {} }),
  put('PUT a key with metadata instead of meta', `${M}/k1`, { metadata: { k1: 'a' } }),
  put('PUT a key with a value of 256 characters', `${M}/k1`, { meta: { k1: 'v'.repeat(256) } }),
  { ...put('PUT a key containing %2F', `${M}/a%2Fb`, { meta: { 'a/b': 'v' } }), deviation: UNROUTED },
  put('PUT a key on an unknown snapshot (404)', '/v3/{project}/snapshots/{missing_uuid}/metadata/k1', { meta: { k1: 'v' } }),
  del('DELETE one key (200, empty)', `${M}/k1`, { then: AFTER }),
  del('DELETE a missing key (404)', `${M}/nope`),
  del('DELETE a key of an unknown snapshot (404)', '/v3/{project}/snapshots/{missing_uuid}/metadata/k1'),
  { ...del('DELETE the metadata collection is not routed', M), deviation: UNROUTED },
]);
