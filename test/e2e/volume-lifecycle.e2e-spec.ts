import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinderClient } from '../support/cinder-client.js';
import { eventually, startStack, type RunningStack } from '../support/stack.js';

const PROJECT = '9b2f0c2eba2c4af04d3f9e9d0d410b37';
const GiB = 1024 ** 3;

/** The volume side snapshots rely on: update, metadata, extend, reset, and Cinder's delete rules. */
describe('volume lifecycle', () => {
  let stack: RunningStack;
  let api: ReturnType<typeof cinderClient>;
  const p = `/v3/${PROJECT}`;

  beforeAll(async () => {
    stack = await startStack();
    api = cinderClient(stack.baseUrl, `vol-user:${PROJECT}`);
  });
  afterAll(async () => stack?.stop());

  const volume = async (id: string) => (await api('GET', `${p}/volumes/${id}`)).body.volume;
  async function availableVolume(size = 1): Promise<string> {
    const r = await api('POST', `${p}/volumes`, { volume: { size, name: 'v', metadata: { a: '1' } } });
    expect(r.status).toBe(202);
    await eventually(async () => (await volume(r.body.volume.id)).status === 'available');
    return r.body.volume.id;
  }
  async function availableSnapshot(volumeId: string): Promise<string> {
    const r = await api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId } });
    expect(r.status).toBe(202);
    await eventually(async () => (await api('GET', `${p}/snapshots/${r.body.snapshot.id}`)).body.snapshot.status === 'available');
    return r.body.snapshot.id;
  }

  it('updates name, description and metadata', async () => {
    const id = await availableVolume();
    const r = await api('PUT', `${p}/volumes/${id}`, { volume: { name: 'renamed', description: 'd', metadata: { b: '2' } } });
    expect(r.status).toBe(200);
    expect(r.body.volume).toMatchObject({ name: 'renamed', description: 'd', metadata: { a: '1', b: '2' } });
    expect((await api('PUT', `${p}/volumes/${id}/metadata/c`, { meta: { c: '3' } })).body).toEqual({ meta: { c: '3' } });
    expect((await api('DELETE', `${p}/volumes/${id}/metadata/a`)).status).toBe(200);
    expect((await api('GET', `${p}/volumes/${id}/metadata`)).body).toEqual({ metadata: { b: '2', c: '3' } });
  });

  it('extends an available volume (the image grows, sparse) and refuses to shrink it', async () => {
    const id = await availableVolume(1);
    expect((await api('POST', `${p}/volumes/${id}/action`, { 'os-extend': { new_size: 2 } })).status).toBe(202);
    await eventually(async () => (await volume(id)).size === 2 && (await volume(id)).status === 'available');
    expect(statSync(join(stack.dataDir, 'volumes', `${id}.img`)).size).toBe(2 * GiB);
    const smaller = await api('POST', `${p}/volumes/${id}/action`, { 'os-extend': { new_size: 1 } });
    expect(smaller.status).toBe(400);
    expect(smaller.body.badRequest.message).toContain('New size for extend must be greater than current size');
  });

  it('refuses to delete a volume that has snapshots, unless cascade, which deletes them first', async () => {
    const id = await availableVolume();
    const snap = await availableSnapshot(id);
    const refused = await api('DELETE', `${p}/volumes/${id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.badRequest.message).toContain('have snapshots');
    expect((await api('DELETE', `${p}/volumes/${id}?cascade=true`)).status).toBe(202);
    await eventually(async () => (await api('GET', `${p}/volumes/${id}`)).status === 404, 30_000);
    expect((await api('GET', `${p}/snapshots/${snap}`)).status).toBe(404);
    expect(existsSync(join(stack.dataDir, 'volumes', `${id}.img`))).toBe(false);
    expect(existsSync(join(stack.dataDir, 'snapshots', `${snap}.img`))).toBe(false);
  });

  it('refuses to delete an attached volume, and deletes it once detached', async () => {
    const id = await availableVolume();
    await api('POST', `${p}/volumes/${id}/action`, { 'os-attach': { host_name: 'h1', mountpoint: '/dev/vdb' } });
    expect((await api('DELETE', `${p}/volumes/${id}`)).status).toBe(400);
    expect((await api('POST', `${p}/volumes/${id}/action`, { 'os-detach': {} })).status).toBe(202);
    expect((await api('DELETE', `${p}/volumes/${id}`)).status).toBe(202);
    await eventually(async () => (await api('GET', `${p}/volumes/${id}`)).status === 404);
  });

  it("follows Nova's legacy attach handshake: reserve, attach, begin/roll back detaching, detach", async () => {
    const id = await availableVolume();
    const act = (body: unknown) => api('POST', `${p}/volumes/${id}/action`, body);
    expect((await act({ 'os-reserve': null })).status).toBe(202);
    expect((await volume(id)).status).toBe('attaching');
    expect((await act({ 'os-unreserve': null })).status).toBe(202);
    expect((await volume(id)).status).toBe('available');
    await act({ 'os-reserve': null });
    expect((await act({ 'os-attach': { instance_uuid: '5f2a3b1c-0d9e-4f8a-b7c6-d5e4f3a2b1c0', mountpoint: '/dev/vdc' } })).status).toBe(202);
    const attached = await volume(id);
    expect(attached.status).toBe('in-use');
    expect(attached.attachments[0]).toMatchObject({ server_id: '5f2a3b1c-0d9e-4f8a-b7c6-d5e4f3a2b1c0', device: '/dev/vdc', volume_id: id });
    expect((await act({ 'os-begin_detaching': null })).status).toBe(202);
    expect((await volume(id)).status).toBe('detaching');
    await act({ 'os-roll_detaching': null });
    expect((await volume(id)).status).toBe('in-use');
    expect((await act({ 'os-reserve': null })).status).toBe(400);
    await act({ 'os-begin_detaching': null });
    expect((await act({ 'os-detach': { attachment_id: attached.attachments[0].attachment_id } })).status).toBe(202);
    expect((await volume(id)).status).toBe('available');
  });

  it('attaches through the attachments API (3.27/3.44): reserved, attaching, in-use, and back to available on delete', async () => {
    const id = await availableVolume();
    const v344 = { 'OpenStack-API-Version': 'volume 3.44' };
    expect((await api('POST', `${p}/attachments`, { attachment: { volume_uuid: id } })).status).toBe(404);
    const created = await api('POST', `${p}/attachments`, { attachment: { volume_uuid: id, instance_uuid: '7c1a2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' } }, v344);
    expect(created.status).toBe(200);
    expect(created.body.attachment).toMatchObject({ status: 'reserved', volume_id: id, attach_mode: 'rw', connection_info: {} });
    expect((await volume(id)).status).toBe('reserved');
    const attachmentId = created.body.attachment.id;
    const connected = await api('PUT', `${p}/attachments/${attachmentId}`, { attachment: { connector: { host: 'compute-1', initiator: 'iqn.x' } } }, v344);
    expect(connected.body.attachment.status).toBe('attaching');
    expect((await volume(id)).status).toBe('attaching');
    expect((await api('POST', `${p}/attachments/${attachmentId}/action`, { 'os-complete': null }, v344)).status).toBe(204);
    expect((await volume(id)).status).toBe('in-use');
    // The snapshot rules now meet a real in-use volume.
    expect((await api('POST', `${p}/snapshots`, { snapshot: { volume_id: id } })).status).toBe(400);
    expect((await api('DELETE', `${p}/attachments/${attachmentId}`, undefined, v344)).status).toBe(200);
    expect((await volume(id)).status).toBe('available');
  });

  it('lets an admin reset a volume status', async () => {
    const id = await availableVolume();
    expect((await api('POST', `${p}/volumes/${id}/action`, { 'os-reset_status': { status: 'error' } })).status).toBe(202);
    expect((await volume(id)).status).toBe('error');
    expect((await api('DELETE', `${p}/volumes/${id}`)).status).toBe(202);
  });
});
