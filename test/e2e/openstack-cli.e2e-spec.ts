import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, hasCommand } from '../support/cli.js';
import { eventually, startStack, type RunningStack } from '../support/stack.js';

const PROJECT = '5d3f0c2eba2c4af04d3f9e9d0d410b37';
const USER = 'cli-user';
const clients = hasCommand('openstack') && hasCommand('cinder');

/** The README's walk-through, driven by the real python-openstackclient and python-cinderclient. */
describe.skipIf(!clients)('the OpenStack CLIs against Ember (install them with scripts/install-clients.sh)', () => {
  let stack: RunningStack;
  let osc: (...args: string[]) => Promise<any>;
  let cinder: (...args: string[]) => Promise<string>;

  beforeAll(async () => {
    stack = await startStack();
    const endpoint = `${stack.baseUrl}/v3/${PROJECT}`;
    osc = async (...args) =>
      JSON.parse(await cli('openstack', [...args, '-f', 'json'], { OS_AUTH_TYPE: 'admin_token', OS_TOKEN: `${USER}:${PROJECT}`, OS_ENDPOINT: endpoint }));
    cinder = (...args) =>
      cli('cinder', args, { OS_AUTH_TYPE: 'noauth', OS_USER_ID: USER, OS_PROJECT_ID: PROJECT, CINDER_ENDPOINT: endpoint });
  });
  afterAll(async () => stack?.stop());

  it('creates a volume and snapshots it with `openstack volume snapshot create`, then shows it available', async () => {
    const volume = await osc('volume', 'create', '--size', '1', 'cli-vol');
    expect(volume.status).toBe('creating');
    await eventually(async () => (await osc('volume', 'show', volume.id)).status === 'available');

    const snap = await osc('volume', 'snapshot', 'create', '--volume', volume.id, '--force', '--description', 'first snap', '--property', 'k1=v1', 'snap-a');
    expect(snap).toMatchObject({ name: 'snap-a', description: 'first snap', status: 'creating', size: 1, properties: { k1: 'v1' } });
    const shown = await eventually(async () => {
      const s = await osc('volume', 'snapshot', 'show', snap.id);
      return s.status === 'available' ? s : null;
    });
    expect(shown['os-extended-snapshot-attributes:progress']).toBe('100%');
    expect(shown['os-extended-snapshot-attributes:project_id']).toBe(PROJECT);
  });

  it('shows the snapshot through `cinder snapshot-show` (version discovery at GET /, microversion 3.70)', async () => {
    const volume = await osc('volume', 'create', '--size', '1', 'cli-vol-2');
    await eventually(async () => (await osc('volume', 'show', volume.id)).status === 'available');
    const snap = await osc('volume', 'snapshot', 'create', '--volume', volume.id, 'snap-c');
    const table = await cinder('snapshot-show', snap.id);
    expect(table).toContain(snap.id);
    expect(table).toMatch(/user_id\s*\|\s*cli-user/);
    expect(table).toMatch(/consumes_quota/);
  });
});
