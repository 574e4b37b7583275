import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinderClient } from '../support/cinder-client.js';
import { eventually, startStack, type RunningStack } from '../support/stack.js';

const PROJECT = '7a1f0c2eba2c4af04d3f9e9d0d410b37';

/** Every command on an existing snapshot, each an event, driven over HTTP against real processes. */
describe('snapshot update, metadata, actions and delete', () => {
  let stack: RunningStack;
  let api: ReturnType<typeof cinderClient>;
  let db: pg.Client;
  let volumeId: string;
  const p = `/v3/${PROJECT}`;

  beforeAll(async () => {
    stack = await startStack();
    api = cinderClient(stack.baseUrl, `cmd-user:${PROJECT}`);
    db = new pg.Client({ connectionString: stack.env.DATABASE_URL });
    await db.connect();
    const v = await api('POST', `${p}/volumes`, { volume: { size: 1 } });
    volumeId = v.body.volume.id;
    await eventually(async () => (await api('GET', `${p}/volumes/${volumeId}`)).body.volume.status === 'available');
  });
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  async function availableSnapshot(metadata: Record<string, string> = {}): Promise<string> {
    const r = await api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId, name: 's', metadata } });
    expect(r.status).toBe(202);
    const id = r.body.snapshot.id as string;
    await eventually(async () => (await api('GET', `${p}/snapshots/${id}`)).body.snapshot.status === 'available');
    return id;
  }
  const typesOf = async (id: string) =>
    (await db.query('SELECT type FROM events WHERE stream_id = $1 ORDER BY stream_version', [`snapshot-${id}`])).rows.map((r) => r.type);

  it('renames and re-describes a snapshot (200 with the new view), display_* aliases included', async () => {
    const id = await availableSnapshot();
    const r = await api('PUT', `${p}/snapshots/${id}`, { snapshot: { name: ' renamed ', description: 'about' } });
    expect(r.status).toBe(200);
    expect(r.body.snapshot).toMatchObject({ id, name: 'renamed', description: 'about', status: 'available' });
    expect(r.body.snapshot['os-extended-snapshot-attributes:progress']).toBeUndefined();
    await api('PUT', `${p}/snapshots/${id}`, { snapshot: { display_name: 'legacy' } });
    const shown = await api('GET', `${p}/snapshots/${id}`);
    expect(shown.body.snapshot).toMatchObject({ name: 'legacy', description: 'about' });
    expect(shown.body.snapshot.updated_at).not.toBeNull();
    const empty = await api('PUT', `${p}/snapshots/${id}`, { snapshot: {} });
    expect(empty.status).toBe(400);
    expect(await typesOf(id)).toContain('snapshot.updated.v1');
  });

  it('merges, replaces, sets and deletes metadata keys like Cinder', async () => {
    const id = await availableSnapshot({ a: '1' });
    const md = `${p}/snapshots/${id}/metadata`;
    expect((await api('POST', md, { metadata: { b: '2' } })).body).toEqual({ metadata: { a: '1', b: '2' } });
    expect((await api('GET', md)).body).toEqual({ metadata: { a: '1', b: '2' } });
    expect((await api('PUT', `${md}/c`, { meta: { c: '3' } })).body).toEqual({ meta: { c: '3' } });
    expect((await api('GET', `${md}/c`)).body).toEqual({ meta: { c: '3' } });
    const del = await api('DELETE', `${md}/a`);
    expect(del.status).toBe(200);
    expect((await api('GET', `${md}/a`)).body.itemNotFound.message).toBe(`Snapshot ${id} has no metadata with key a.`);
    expect((await api('DELETE', `${md}/a`)).status).toBe(404);
    expect((await api('PUT', md, { metadata: { only: 'this' } })).body).toEqual({ metadata: { only: 'this' } });
    expect((await api('PUT', `${md}/x`, { meta: { y: '1' } })).body.badRequest.message).toBe('Request body and URI mismatch');
    const big = await api('POST', md, { metadata: { k: 'v'.repeat(256) } });
    expect(big.status).toBe(413);
    expect(big.body.overLimit.message).toBe('Invalid metadata size: Metadata property key k value greater than 255 characters.');
    expect((await api('GET', `${p}/snapshots/${id}`)).body.snapshot.metadata).toEqual({ only: 'this' });
  });

  it('deletes an available snapshot: deleting, then the worker removes the data and the API answers 404', async () => {
    const id = await availableSnapshot();
    const file = join(stack.dataDir, 'snapshots', `${id}.img`);
    expect(existsSync(file)).toBe(true);
    const r = await api('DELETE', `${p}/snapshots/${id}`);
    expect(r.status).toBe(202);
    await eventually(async () => (await api('GET', `${p}/snapshots/${id}`)).status === 404);
    expect(existsSync(file)).toBe(false);
    expect(await typesOf(id)).toEqual([
      'snapshot.requested.v1',
      'snapshot.available.v1',
      'snapshot.deletion_requested.v1',
      'snapshot.deleted.v1',
    ]);
    expect((await api('DELETE', `${p}/snapshots/${id}`)).status).toBe(404);
  });

  it('refuses to delete a snapshot that is not available or error, unless forced by an admin', async () => {
    const id = await availableSnapshot();
    expect((await api('POST', `${p}/snapshots/${id}/action`, { 'os-reset_status': { status: 'CREATING' } })).status).toBe(202);
    expect((await api('GET', `${p}/snapshots/${id}`)).body.snapshot.status).toBe('creating');
    const refused = await api('DELETE', `${p}/snapshots/${id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.badRequest.message).toBe(
      'Invalid snapshot: Snapshot status must be available or error and must not be part of a group.',
    );
    expect((await api('POST', `${p}/snapshots/${id}/action`, { 'os-force_delete': {} })).status).toBe(202);
    await eventually(async () => (await api('GET', `${p}/snapshots/${id}`)).status === 404);
  });

  it('applies os-update_snapshot_status transitions and rejects the others', async () => {
    const id = await availableSnapshot();
    const action = (body: unknown) => api('POST', `${p}/snapshots/${id}/action`, body);
    const refused = await action({ 'os-update_snapshot_status': { status: 'error' } });
    expect(refused.body.badRequest.message).toBe('Snapshot status available not allowed for update_snapshot_status');
    await action({ 'os-reset_status': { status: 'creating' } });
    const bad = await action({ 'os-update_snapshot_status': { status: 'deleting' } });
    expect(bad.body.badRequest.message).toBe('Provided snapshot status deleting not allowed for snapshot with status creating.');
    expect((await action({ 'os-update_snapshot_status': { status: 'creating', progress: '40%' } })).status).toBe(202);
    const shown = (await api('GET', `${p}/snapshots/${id}`)).body.snapshot;
    expect(shown['os-extended-snapshot-attributes:progress']).toBe('40%');
    expect((await action({ 'os-update_snapshot_status': { status: 'available' } })).status).toBe(202);
    expect((await api('GET', `${p}/snapshots/${id}`)).body.snapshot.status).toBe('available');
  });

  it('unmanages a snapshot: it disappears from the API but its data stays on disk', async () => {
    const id = await availableSnapshot();
    expect((await api('POST', `${p}/snapshots/${id}/action`, { 'os-unmanage': null })).status).toBe(202);
    await eventually(async () => (await api('GET', `${p}/snapshots/${id}`)).status === 404);
    expect(existsSync(join(stack.dataDir, 'snapshots', `${id}.img`))).toBe(true);
  });

  it('manages an unmanaged snapshot image again (admin), listing it as manageable first', async () => {
    const old = await availableSnapshot();
    await api('POST', `${p}/snapshots/${old}/action`, { 'os-unmanage': null });
    await eventually(async () => (await api('GET', `${p}/snapshots/${old}`)).status === 404);

    expect((await api('GET', `${p}/manageable_snapshots?host=ember@file`)).status).toBe(404);
    const v38 = { 'OpenStack-API-Version': 'volume 3.8' };
    const listed = await api('GET', `${p}/manageable_snapshots/detail?host=ember@file`, undefined, v38);
    expect(listed.status).toBe(200);
    const entry = listed.body['manageable-snapshots'].find((m: any) => m.reference['source-name'] === old);
    expect(entry).toMatchObject({ size: 1, safe_to_manage: true, cinder_id: null });
    expect((await api('GET', `${p}/os-snapshot-manage`)).body.badRequest.message).toBe('Invalid input received: Host field is missing.');

    const managed = await api('POST', `${p}/os-snapshot-manage`, {
      snapshot: { volume_id: volumeId, ref: { 'source-name': old }, name: 'adopted' },
    });
    expect(managed.status).toBe(202);
    expect(Object.keys(managed.body.snapshot).sort()).toEqual(
      ['created_at', 'description', 'id', 'metadata', 'name', 'size', 'status', 'updated_at', 'volume_id'],
    );
    const id = managed.body.snapshot.id;
    const shown = await eventually(async () => {
      const s = (await api('GET', `${p}/snapshots/${id}`)).body.snapshot;
      return s.status === 'available' ? s : null;
    });
    expect(shown.name).toBe('adopted');
    expect(existsSync(join(stack.dataDir, 'snapshots', `${id}.img`))).toBe(true);
    expect(existsSync(join(stack.dataDir, 'snapshots', `${old}.img`))).toBe(false);

    const bad = await api('POST', `${p}/os-snapshot-manage`, { snapshot: { volume_id: volumeId, ref: { 'source-name': 'no-such-image' } } });
    expect(bad.status).toBe(202);
    await eventually(async () => (await api('GET', `${p}/snapshots/${bad.body.snapshot.id}`)).body.snapshot.status === 'error');
  });

  it('answers unknown and malformed actions as Cinder', async () => {
    const id = await availableSnapshot();
    const unknown = await api('POST', `${p}/snapshots/${id}/action`, { 'os-nothing': null });
    expect(unknown.body.badRequest.message).toBe(
      'There is no such action: os-nothing. Verify the request body and Content-Type header and try again.',
    );
    const two = await api('POST', `${p}/snapshots/${id}/action`, { 'os-force_delete': {}, x: 1 });
    expect(two.body.badRequest.message).toBe('Malformed request body');
  });
});
