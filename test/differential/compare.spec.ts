import { describe, expect, it } from 'vitest';
import type { Answer } from './answer.js';
import { faultOf, valuesAt } from './answer.js';
import { compareAnswers, type Side } from './compare.js';
import { normalizeText, type Normalizer } from './normalize.js';
import { shapeDiff, shapeOf } from './shape.js';

const norm: Normalizer = { origins: ['http://127.0.0.1:18779'], labels: { '0c2eba2c5af04d3f9e9d0d410b371fde': '<project>' } };
const answer = (status: number, json: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  headers,
  text: JSON.stringify(json),
  json,
});
const side = (a: Answer, origin = 'http://127.0.0.1:18779'): Side => ({ answer: a, norm: { ...norm, origins: [origin] } });

describe('differential normalisation', () => {
  it('replaces hosts, labelled ids, request ids, uuids, 32-hex ids and timestamps', () => {
    const text =
      'http://127.0.0.1:18779/v3/0c2eba2c5af04d3f9e9d0d410b371fde/snapshots/0A1B2C3D-0000-4000-8000-000000000001 ' +
      'req-6cf9a709-4eaa-48e3-8299-5193c4885c16 ffffffffffffffffffffffffffffffff 2026-11-26T17:31:46.000000 2023-08-31T00:00:00Z';
    expect(normalizeText(text, norm)).toBe('<base>/v3/<project>/snapshots/<uuid> <request-id> <hex32> <time> <time>');
  });

  it('names faults, non-fault error bodies and successes', () => {
    expect(faultOf(answer(404, { itemNotFound: { code: 404, message: 'm' } }))).toEqual({ name: 'itemNotFound', message: 'm' });
    expect(faultOf({ status: 404, headers: {}, text: '<html><title>404 Not Found</title></html>', json: undefined }).name).toBe('(html)');
    expect(faultOf({ status: 202, headers: {}, text: '', json: undefined })).toEqual({ name: null, message: null });
    expect(faultOf({ status: 500, headers: {}, text: '', json: undefined }).name).toBe('(empty)');
  });

  it('reads values along paths, mapping over arrays', () => {
    const body = { snapshots: [{ name: 'a' }, { name: 'b' }], count: 2 };
    expect(valuesAt(body, 'snapshots[].name')).toEqual(['a', 'b']);
    expect(valuesAt(body, 'count')).toEqual([2]);
    expect(valuesAt(body, 'snapshot.name')).toEqual(['<absent>']);
  });
});

describe('differential shapes', () => {
  it('ignores timestamp nullness and list lengths, not key sets or types', () => {
    const a = { snapshots: [{ id: 'x', updated_at: null, size: 1 }] };
    const b = { snapshots: [{ id: 'y', updated_at: '2026-11-26T17:31:46.000000', size: 2 }, { id: 'z', updated_at: null, size: 3 }] };
    expect(shapeDiff(shapeOf(a), shapeOf(b))).toEqual([]);
    const c = { snapshots: [{ id: 'y', updated_at: null, size: '1', extra: true }] };
    expect(shapeDiff(shapeOf(a), shapeOf(c))).toEqual(['$.snapshots[].extra: only in Ember (boolean)', '$.snapshots[].size: Cinder number, Ember string']);
  });
});

describe('differential comparison', () => {
  it('accepts answers equal up to ids, hosts and timestamps', () => {
    const c = answer(202, { snapshot: { id: '0a1b2c3d-0000-4000-8000-000000000001', status: 'creating', created_at: '2026-11-26T17:31:46.123456' } });
    const e = answer(202, { snapshot: { id: '9a1b2c3d-0000-4000-8000-000000000009', status: 'creating', created_at: '2026-11-26T18:00:00.000001' } });
    expect(compareAnswers(side(c), side(e, 'http://127.0.0.1:40000'), { values: ['snapshot.status'] })).toEqual([]);
  });

  it('reports status, fault, message and value differences', () => {
    const c = answer(400, { badRequest: { code: 400, message: 'Invalid volume 0a1b2c3d-0000-4000-8000-000000000001' } });
    const e = answer(404, { itemNotFound: { code: 404, message: 'Volume 9a1b2c3d-0000-4000-8000-000000000009 could not be found.' } });
    expect(compareAnswers(side(c), side(e))).toEqual([
      'status: Cinder 400, Ember 404',
      'fault: Cinder badRequest, Ember itemNotFound',
      'message: Cinder "Invalid volume <uuid>", Ember "Volume <uuid> could not be found."',
    ]);
  });

  it('compares metadata values regardless of key order, and lists unordered on request', () => {
    const c = answer(200, { metadata: { a: '1', b: '2' }, snapshots: [{ name: 'x' }, { name: 'y' }] });
    const e = answer(200, { metadata: { b: '2', a: '1' }, snapshots: [{ name: 'y' }, { name: 'x' }] });
    expect(compareAnswers(side(c), side(e), { values: ['metadata', 'snapshots[].name'], unordered: true })).toEqual([]);
    expect(compareAnswers(side(c), side(e), { values: ['snapshots[].name'] })).toEqual(['value snapshots[].name: Cinder ["x","y"], Ember ["y","x"]']);
  });
});
