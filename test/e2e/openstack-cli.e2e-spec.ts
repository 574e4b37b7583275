import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinderClient } from '../support/cinder-client.js';
import { cli, hasCommand } from '../support/cli.js';
import { eventually, startStack, type RunningStack } from '../support/stack.js';

const PROJECT = '5d3f0c2eba2c4af04d3f9e9d0d410b37';
const USER = 'cli-user';
const clients = hasCommand('openstack') && hasCommand('cinder');
const sdkScript = fileURLToPath(new URL('./sdk/snapshot_walkthrough.py', import.meta.url));

/** Every snapshot command of the real python-openstackclient, python-cinderclient and openstacksdk, unchanged. */
describe.skipIf(!clients)('the OpenStack clients against Ember (install them with scripts/install-clients.sh)', () => {
  let stack: RunningStack;
  let api: ReturnType<typeof cinderClient>;
  let endpoint: string;
  let osc: (...args: string[]) => Promise<any>;
  let oscRaw: (...args: string[]) => Promise<string>;
  let cinder: (...args: string[]) => Promise<string>;

  beforeAll(async () => {
    stack = await startStack();
    endpoint = `${stack.baseUrl}/v3/${PROJECT}`;
    api = cinderClient(stack.baseUrl, `${USER}:${PROJECT}`);
    const oscEnv = { OS_AUTH_TYPE: 'admin_token', OS_TOKEN: `${USER}:${PROJECT}`, OS_ENDPOINT: endpoint };
    oscRaw = (...args) => cli('openstack', args, oscEnv);
    osc = async (...args) => JSON.parse(await oscRaw(...args, '-f', 'json'));
    cinder = (...args) =>
      cli('cinder', args, { OS_AUTH_TYPE: 'noauth', OS_USER_ID: USER, OS_PROJECT_ID: PROJECT, CINDER_ENDPOINT: endpoint });
  });
  afterAll(async () => stack?.stop());

  const snapshot = async (id: string) => (await api('GET', `/v3/${PROJECT}/snapshots/${id}`)).body.snapshot;
  const untilStatus = (id: string, status: string) => eventually(async () => (await snapshot(id))?.status === status);
  async function availableVolume(name: string): Promise<string> {
    const volume = await osc('volume', 'create', '--size', '1', name);
    await eventually(async () => (await api('GET', `/v3/${PROJECT}/volumes/${volume.id}`)).body.volume.status === 'available');
    return volume.id;
  }

  it('openstack volume snapshot create / list / show / set / unset / delete', async () => {
    const volumeId = await availableVolume('osc-vol');
    const created = await osc('volume', 'snapshot', 'create', '--volume', 'osc-vol', '--force', '--description', 'first snap', '--property', 'k1=v1', 'snap-a');
    expect(created).toMatchObject({ name: 'snap-a', description: 'first snap', status: 'creating', properties: { k1: 'v1' } });
    await untilStatus(created.id, 'available');

    const listed = await osc('volume', 'snapshot', 'list', '--long');
    // JSON output keeps ids; the table maps the volume id to its name through GET volumes/detail.
    expect(listed.find((s: any) => s.ID === created.id)).toMatchObject({ Name: 'snap-a', Status: 'available', Volume: volumeId });
    expect(await oscRaw('volume', 'snapshot', 'list', '--long')).toMatch(/snap-a\s*\|[^\n]*\|\s*osc-vol\s*\|/);
    const filtered = await osc('volume', 'snapshot', 'list', '--name', 'snap-a', '--status', 'available', '--volume', 'osc-vol', '--limit', '5');
    expect(filtered.map((s: any) => s.ID)).toEqual([created.id]);
    expect((await osc('volume', 'snapshot', 'list', '--all-projects')).some((s: any) => s.ID === created.id)).toBe(true);

    const byName = await osc('volume', 'snapshot', 'show', 'snap-a');
    expect(byName).toMatchObject({ id: created.id, status: 'available', 'os-extended-snapshot-attributes:progress': '100%' });

    await oscRaw('volume', 'snapshot', 'set', '--name', 'snap-b', '--description', 'd2', '--property', 'k3=v3', created.id);
    expect(await snapshot(created.id)).toMatchObject({ name: 'snap-b', description: 'd2', metadata: { k1: 'v1', k3: 'v3' } });
    await oscRaw('volume', 'snapshot', 'set', '--no-property', '--property', 'only=this', created.id);
    expect((await snapshot(created.id)).metadata).toEqual({ only: 'this' });
    await oscRaw('volume', 'snapshot', 'unset', '--property', 'only', created.id);
    expect((await snapshot(created.id)).metadata).toEqual({});
    await oscRaw('volume', 'snapshot', 'set', '--state', 'error', created.id);
    expect((await snapshot(created.id)).status).toBe('error');

    await oscRaw('volume', 'snapshot', 'delete', created.id);
    await eventually(async () => (await snapshot(created.id)) === undefined);

    const forced = await osc('volume', 'snapshot', 'create', '--volume', 'osc-vol', '--force', 'snap-f');
    await oscRaw('volume', 'snapshot', 'delete', '--force', forced.id);
    await eventually(async () => (await snapshot(forced.id)) === undefined);
  });

  it('cinder snapshot-create / -list / -show / -rename / -metadata / -reset-state / -delete', async () => {
    const volumeId = await availableVolume('cinder-vol');
    const created = await cinder('snapshot-create', volumeId, '--force', 'True', '--name', 'snap-c', '--description', 'd', '--metadata', 'k1=v1', 'k2=v2');
    const id = /\|\s*id\s*\|\s*([0-9a-f-]{36})/.exec(created)![1]!;
    await untilStatus(id, 'available');

    expect(await cinder('snapshot-list', '--name', 'snap-c', '--status', 'available', '--volume-id', volumeId, '--limit', '5', '--sort', 'name:asc')).toContain(id);
    expect(await cinder('snapshot-show', id)).toMatch(/status\s*\|\s*available/);

    await cinder('snapshot-rename', id, 'snap-d', '--description', 'D');
    expect(await snapshot(id)).toMatchObject({ name: 'snap-d', description: 'D' });
    await cinder('snapshot-metadata', id, 'set', 'k3=v3');
    await cinder('snapshot-metadata', id, 'unset', 'k1');
    expect((await snapshot(id)).metadata).toEqual({ k2: 'v2', k3: 'v3' });
    expect(await cinder('snapshot-metadata-show', id)).toMatch(/k3\s*\|\s*v3/);
    await cinder('snapshot-metadata-update-all', id, 'only=this');
    expect((await snapshot(id)).metadata).toEqual({ only: 'this' });

    await cinder('snapshot-reset-state', '--state', 'error', id);
    expect((await snapshot(id)).status).toBe('error');
    await cinder('snapshot-delete', id);
    await eventually(async () => (await snapshot(id)) === undefined);

    const forcedOut = await cinder('snapshot-create', volumeId, '--force', 'True', '--name', 'snap-x');
    const forced = /\|\s*id\s*\|\s*([0-9a-f-]{36})/.exec(forcedOut)![1]!;
    await cinder('snapshot-delete', '--force', forced);
    await eventually(async () => (await snapshot(forced)) === undefined);
  });

  it('restores, reverts, attaches and purges with the CLIs; quotas with `openstack quota set/show`', async () => {
    const volumeId = await availableVolume('cli-src');
    const snap = await osc('volume', 'snapshot', 'create', '--volume', volumeId, 'cli-snap');
    await untilStatus(snap.id, 'available');

    const restored = await osc('volume', 'create', '--snapshot', snap.id, 'cli-restored');
    await eventually(async () => (await api('GET', `/v3/${PROJECT}/volumes/${restored.id}`)).body.volume.status === 'available');
    expect((await osc('volume', 'show', restored.id)).snapshot_id).toBe(snap.id);

    await cinder('--os-volume-api-version', '3.40', 'revert-to-snapshot', snap.id);
    await eventually(async () => (await api('GET', `/v3/${PROJECT}/volumes/${volumeId}`)).body.volume.status === 'available');

    const attachment = await cinder('--os-volume-api-version', '3.44', 'attachment-create', volumeId, '7c1a2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
    const attachmentId = /\|\s*id\s*\|\s*([0-9a-f-]{36})/.exec(attachment)![1]!;
    await cinder('--os-volume-api-version', '3.44', 'attachment-complete', attachmentId);
    expect((await osc('volume', 'show', volumeId)).status).toBe('in-use');
    await cinder('--os-volume-api-version', '3.44', 'attachment-delete', attachmentId);
    expect((await osc('volume', 'show', volumeId)).status).toBe('available');

    await oscRaw('volume', 'delete', '--purge', volumeId);
    await eventually(async () => (await api('GET', `/v3/${PROJECT}/volumes/${volumeId}`)).status === 404, 30_000);
    expect((await api('GET', `/v3/${PROJECT}/snapshots/${snap.id}`)).status).toBe(404);

    await oscRaw('quota', 'set', '--snapshots', '-1', PROJECT);
    const quota = await osc('quota', 'show', PROJECT);
    expect(quota.snapshots).toBe(-1);
  });

  it('openstacksdk: create, wait, find, list, update, metadata, delete, wait_for_delete', async () => {
    const { stdout } = await promisify(execFile)('/usr/bin/python3', [sdkScript, endpoint, `${USER}:${PROJECT}`], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root' },
      timeout: 120_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({
      volume_status: 'available',
      created_status: 'creating',
      available_status: 'available',
      found_by_name: true,
      in_summary_list: true,
      in_detail_list: true,
      renamed: 'sdk-renamed',
      metadata_after_set: { k: 'v', k2: 'v2' },
      metadata_after_delete: { k2: 'v2' },
      deleted: true,
    });
  });
});
