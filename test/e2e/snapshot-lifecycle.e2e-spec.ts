import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinderClient } from '../support/cinder-client.js';
import { eventually, startStack, type RunningStack } from '../support/stack.js';

const MiB = 1024 * 1024;
const PROJECT = '0c2eba2c5af04d3f9e9d0d410b371fde';
const USER = 'e2e-user';
const CINDER_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/;

/** Ember's image checksum from first principles: sha256 over the sha256 of every 4 MiB chunk. */
async function referenceChecksum(path: string): Promise<string> {
  const fh = await open(path, 'r');
  const outer = createHash('sha256');
  const buf = Buffer.alloc(4 * MiB);
  for (let offset = 0; ; ) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
    if (bytesRead === 0) break;
    outer.update(createHash('sha256').update(buf.subarray(0, bytesRead)).digest());
    offset += bytesRead;
  }
  await fh.close();
  return `sha256-4m:${outer.digest('hex')}`;
}

describe('walking skeleton: POST snapshot → bytes on disk, on real processes', () => {
  let stack: RunningStack;
  let api: ReturnType<typeof cinderClient>;
  let db: pg.Client;
  const p = `/v3/${PROJECT}`;

  beforeAll(async () => {
    stack = await startStack();
    api = cinderClient(stack.baseUrl, `${USER}:${PROJECT}`);
    db = new pg.Client({ connectionString: stack.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  async function availableVolume(size = 1): Promise<string> {
    const created = await api('POST', `${p}/volumes`, { volume: { size, name: 'vol' } });
    expect(created.status).toBe(202);
    expect(created.body.volume.status).toBe('creating');
    const id = created.body.volume.id as string;
    await eventually(async () => (await api('GET', `${p}/volumes/${id}`)).body.volume.status === 'available');
    return id;
  }

  /** Events a request caused (the worker finishing earlier snapshots appends meanwhile, under other request ids). */
  const eventsOf = async (reply: { headers: Headers }) =>
    Number(
      (await db.query(`SELECT count(*) AS n FROM events WHERE metadata->>'requestId' = $1`, [reply.headers.get('x-openstack-request-id')]))
        .rows[0].n,
    );

  it('snapshots a 1 GiB volume holding data and holes: same bytes, checksum, sparse allocation, events linked by request id', async () => {
    const volumeId = await availableVolume(1);
    const image = join(stack.dataDir, 'volumes', `${volumeId}.img`);
    expect((await stat(image)).size).toBe(1024 * MiB);

    // Known bytes with holes: 64 MiB of data in four extents, one straddling a chunk edge, one at the end.
    const fh = await open(image, 'r+');
    const extents = [
      [0, 16 * MiB],
      [300 * MiB + 12345, 16 * MiB],
      [700 * MiB, 16 * MiB],
      [1024 * MiB - 16 * MiB, 16 * MiB],
    ] as const;
    const written: Buffer[] = [];
    for (const [offset, length] of extents) {
      const data = randomBytes(length);
      written.push(data);
      await fh.write(data, 0, length, offset);
    }
    await fh.datasync();
    await fh.close();

    const started = Date.now();
    const created = await api('POST', `${p}/snapshots`, { snapshot: { name: 'snapshot1', volume_id: volumeId, force: true } });
    expect(created.status).toBe(202);
    const requestId = created.headers.get('x-openstack-request-id')!;
    expect(requestId).toMatch(/^req-[0-9a-f-]{36}$/);

    // The seed's body, field for field.
    const seed = JSON.parse(await readFile(new URL('../fixtures/snapshot-create-response.json', import.meta.url), 'utf8'));
    const snap = created.body.snapshot;
    expect(Object.keys(snap).sort()).toEqual(Object.keys(seed.snapshot).sort());
    expect(snap).toMatchObject({ status: 'creating', size: 1, metadata: {}, name: 'snapshot1', volume_id: volumeId, description: null, updated_at: null });
    expect(snap.created_at).toMatch(CINDER_TIME);

    // Consistent right after the 202 (the read model commits with the event).
    const shown = await api('GET', `${p}/snapshots/${snap.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.snapshot.id).toBe(snap.id);

    const available = await eventually(async () => {
      const r = await api('GET', `${p}/snapshots/${snap.id}`);
      return r.body.snapshot.status === 'available' ? r.body.snapshot : null;
    });
    const elapsed = Date.now() - started;
    expect(available['os-extended-snapshot-attributes:progress']).toBe('100%');
    expect(available['os-extended-snapshot-attributes:project_id']).toBe(PROJECT);
    expect(available.updated_at).toMatch(CINDER_TIME);

    const file = join(stack.dataDir, 'snapshots', `${snap.id}.img`);
    const st = await stat(file);
    expect(st.size).toBe(1024 * MiB);
    // About 64 MiB allocated, not 1 GiB: the holes stayed holes.
    expect(st.blocks * 512).toBeGreaterThanOrEqual(64 * MiB);
    expect(st.blocks * 512).toBeLessThan(80 * MiB);
    const copy = await open(file, 'r');
    for (const [i, [offset, length]] of extents.entries()) {
      const back = Buffer.alloc(length);
      await copy.read(back, 0, length, offset);
      expect(back.equals(written[i]!)).toBe(true);
    }
    const hole = Buffer.alloc(MiB);
    await copy.read(hole, 0, MiB, 500 * MiB);
    expect(hole.equals(Buffer.alloc(MiB))).toBe(true);
    await copy.close();

    const checksum = await referenceChecksum(file);
    expect(checksum).toBe(await referenceChecksum(image));

    const { rows } = await db.query(
      `SELECT type, data, metadata FROM events WHERE stream_id = $1 AND type <> 'snapshot.progressed.v1' ORDER BY stream_version`,
      [`snapshot-${snap.id}`],
    );
    expect(rows.map((r) => r.type)).toEqual(['snapshot.requested.v1', 'snapshot.available.v1']);
    expect(rows[0].metadata.requestId).toBe(requestId);
    expect(rows[1].metadata.requestId).toBe(requestId);
    expect(rows[0].metadata.userId).toBe(USER);
    expect(rows[1].data).toMatchObject({ bytes: 1024 * MiB, checksum });
    expect(rows[1].data.allocatedBytes).toBe(st.blocks * 512);
    console.log(`POST → available for a 1 GiB volume holding 64 MiB: ${elapsed} ms`);
  });

  it('refuses an in-use volume without force (400) and takes it with force or from 3.66', async () => {
    const volumeId = await availableVolume(1);
    const attach = await api('POST', `${p}/volumes/${volumeId}/action`, {
      'os-attach': { instance_uuid: randomUUID(), mountpoint: '/dev/vdb' },
    });
    expect(attach.status).toBe(202);
    expect((await api('GET', `${p}/volumes/${volumeId}`)).body.volume.status).toBe('in-use');

    const refused = await api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId } });
    expect(refused.status).toBe(400);
    expect(refused.body.badRequest.message).toBe(
      `Invalid volume: Volume ${volumeId} status must be available, but current status is: in-use.`,
    );
    expect(await eventsOf(refused)).toBe(0);

    expect((await api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId, force: 'True' } })).status).toBe(202);
    const v366 = { 'OpenStack-API-Version': 'volume 3.66' };
    expect((await api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId } }, v366)).status).toBe(202);
    const forceFalse = await api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId, force: false } }, v366);
    expect(forceFalse.status).toBe(400);
    expect(forceFalse.body.badRequest.message).toContain("Since microversion 3.66 the 'force' flag is invalid");
  });

  it.each([
    ['no snapshot key', { snap: {} }],
    ['volume_id missing', { snapshot: { name: 'x' } }],
    ['volume_id not a uuid', { snapshot: { volume_id: 'not-a-uuid' } }],
    ['name over 255 characters', { snapshot: { volume_id: randomUUID(), name: 'n'.repeat(256) } }],
    ['description with a newline', { snapshot: { volume_id: randomUUID(), description: 'a\nb' } }],
    ['force not a Cinder boolean', { snapshot: { volume_id: randomUUID(), force: 'maybe' } }],
    ['metadata value not a string', { snapshot: { volume_id: randomUUID(), metadata: { k: 1 } } }],
    ['an unknown property', { snapshot: { volume_id: randomUUID(), colour: 'red' } }],
  ])('answers 400 badRequest and stores nothing for %s', async (_, body) => {
    const r = await api('POST', `${p}/snapshots`, body);
    expect(r.status).toBe(400);
    expect(typeof r.body.badRequest.message).toBe('string');
    expect(r.body.badRequest.code).toBe(400);
    expect(await eventsOf(r)).toBe(0);
  });

  it('answers 404 for an unknown volume and for non-uuid or unknown snapshot ids', async () => {
    const ghost = randomUUID();
    const r = await api('POST', `${p}/snapshots`, { snapshot: { volume_id: ghost, force: true } });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ itemNotFound: { code: 404, message: `Volume ${ghost} could not be found.` } });
    expect((await api('GET', `${p}/snapshots/snap-a`)).status).toBe(404);
    expect((await api('GET', `${p}/snapshots/${ghost}`)).body.itemNotFound.message).toBe(`Snapshot ${ghost} could not be found.`);
  });
});
