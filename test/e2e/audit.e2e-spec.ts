import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinderClient } from '../support/cinder-client.js';
import { eventually, startStack, type RunningStack } from '../support/stack.js';

const PROJECT = '5a1d17e05a1d17e05a1d17e05a1d17e0';
const ember = fileURLToPath(new URL('../../bin/ember.js', import.meta.url));

/** `ember audit` tells a snapshot's story with the request ids the client saw; `ember replay` rebuilds what the API serves. */
describe('ember audit and ember replay on the real stack', () => {
  let stack: RunningStack;
  let api: ReturnType<typeof cinderClient>;
  const p = `/v3/${PROJECT}`;

  beforeAll(async () => {
    stack = await startStack();
    api = cinderClient(stack.baseUrl, `auditor:${PROJECT}`);
  });
  afterAll(async () => stack?.stop());

  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, [ember, ...args], { env: stack.env }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: `${e.stdout}${e.stderr}` }),
    );
  const requestId = (r: { headers: Headers }) => r.headers.get('x-openstack-request-id')!;

  it("shows a snapshot's create, rename, metadata change and delete with the client's request ids and the acting user", async () => {
    const v = await api('POST', `${p}/volumes`, { volume: { size: 1 } });
    const volumeId = v.body.volume.id;
    await eventually(async () => (await api('GET', `${p}/volumes/${volumeId}`)).body.volume.status === 'available');
    const created = await api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId, name: 'before' } });
    const id = created.body.snapshot.id;
    await eventually(async () => (await api('GET', `${p}/snapshots/${id}`)).body.snapshot.status === 'available');
    const renamed = await api('PUT', `${p}/snapshots/${id}`, { snapshot: { name: 'after' } });
    const tagged = await api('POST', `${p}/snapshots/${id}/metadata`, { metadata: { owner: 'ops' } });
    const deleted = await api('DELETE', `${p}/snapshots/${id}`);
    expect([created.status, renamed.status, tagged.status, deleted.status]).toEqual([202, 200, 200, 202]);
    await eventually(async () => (await api('GET', `${p}/snapshots/${id}`)).status === 404);

    const json = await run('audit', 'snapshot', id, '--json');
    expect(json.code).toBe(0);
    const events = (JSON.parse(json.stdout).events as any[]).filter((e) => e.type !== 'snapshot.progressed.v1');
    expect(events.map((e) => [e.type, e.requestId, e.actor.userId, e.actor.authMode])).toEqual([
      ['snapshot.requested.v1', requestId(created), 'auditor', 'noauth'],
      ['snapshot.available.v1', requestId(created), 'auditor', 'worker'],
      ['snapshot.updated.v1', requestId(renamed), 'auditor', 'noauth'],
      ['snapshot.metadata_changed.v1', requestId(tagged), 'auditor', 'noauth'],
      ['snapshot.deletion_requested.v1', requestId(deleted), 'auditor', 'noauth'],
      ['snapshot.deleted.v1', requestId(deleted), 'auditor', 'worker'],
    ]);
    expect(events.map((e) => e.summary)).toEqual([
      `requested from volume ${volumeId}, 1 GiB named 'before'`,
      expect.stringMatching(/^copied 1 GiB \(.+ allocated\), checksum sha256-4m:/),
      "renamed to 'after'",
      'metadata: +owner',
      'deletion requested',
      'deleted',
    ]);

    const table = await run('audit', 'snapshot', id);
    expect(table.code).toBe(0);
    for (const r of [created, renamed, tagged, deleted]) expect(table.stdout).toContain(requestId(r));
    expect(table.stdout).toMatch(/updated\s+auditor\s+req-\S+\s+renamed to 'after'/);
    expect(table.stdout).toContain('worker for auditor');

    const asOf = await run('audit', 'snapshot', id, '--as-of', events[2].time, '--json');
    expect(JSON.parse(asOf.stdout).asOf.state).toMatchObject({ id, name: 'after', status: 'available', metadata: {} });
    expect((await run('audit', 'volume', id)).code).toBe(1);
  });

  it('rebuilds the read models from the log: --verify finds no difference, and a swap keeps the API serving', async () => {
    const verify = await run('replay', '--verify');
    expect(verify.stdout).toMatch(/ember replay --verify: \d+ events .* 0 difference\(s\)/);
    expect(verify.code).toBe(0);
    const swap = await run('replay');
    expect(swap.code).toBe(0);
    expect(swap.stdout).toMatch(/swapped in volumes, snapshots, quota_limits, quota_usages/);
    const after = await api('POST', `${p}/volumes`, { volume: { size: 1, name: 'after-swap' } });
    expect(after.status).toBe(202);
    expect((await api('GET', `${p}/volumes/${after.body.volume.id}`)).body.volume.name).toBe('after-swap');
    expect((await run('replay', '--verify')).code).toBe(0);
  });
});
