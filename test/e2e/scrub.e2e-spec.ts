import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinderClient } from '../support/cinder-client.js';
import { eventually, startStack, type RunningStack } from '../support/stack.js';

const PROJECT = 'dd2f0c2eba2c4af04d3f9e9d0d410b37';
const ember = fileURLToPath(new URL('../../bin/ember.js', import.meta.url));

/** `ember scrub` catches a flipped byte in a snapshot image. */
describe('ember scrub', () => {
  let stack: RunningStack;
  let api: ReturnType<typeof cinderClient>;
  const p = `/v3/${PROJECT}`;

  beforeAll(async () => {
    stack = await startStack();
    api = cinderClient(stack.baseUrl, `scrub-user:${PROJECT}`);
  });
  afterAll(async () => stack?.stop());

  const scrub = () =>
    promisify(execFile)(process.execPath, [ember, 'scrub', '--json'], { env: stack.env }).then(
      ({ stdout }) => ({ code: 0, report: JSON.parse(stdout) }),
      (e: { code: number; stdout: string }) => ({ code: e.code, report: JSON.parse(e.stdout) }),
    );

  it('passes on intact images and names the snapshot whose image changed', async () => {
    const v = await api('POST', `${p}/volumes`, { volume: { size: 1 } });
    const volumeId = v.body.volume.id;
    await eventually(async () => (await api('GET', `${p}/volumes/${volumeId}`)).body.volume.status === 'available');
    const fh = await open(join(stack.dataDir, 'volumes', `${volumeId}.img`), 'r+');
    await fh.write(randomBytes(1 << 20), 0, 1 << 20, 3 << 20);
    await fh.close();
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const s = await api('POST', `${p}/snapshots`, { snapshot: { volume_id: volumeId } });
      ids.push(s.body.snapshot.id);
    }
    for (const id of ids) {
      await eventually(async () => (await api('GET', `${p}/snapshots/${id}`)).body.snapshot.status === 'available');
    }

    const clean = await scrub();
    expect(clean.code).toBe(0);
    expect(clean.report.findings).toEqual([]);
    expect(clean.report.checked).toBeGreaterThanOrEqual(2);

    const image = await open(join(stack.dataDir, 'snapshots', `${ids[1]}.img`), 'r+');
    const b = Buffer.alloc(1);
    await image.read(b, 0, 1, (3 << 20) + 99);
    b[0] = b[0]! ^ 1;
    await image.write(b, 0, 1, (3 << 20) + 99);
    await image.close();

    const dirty = await scrub();
    expect(dirty.code).toBe(1);
    expect(dirty.report.findings).toEqual([expect.objectContaining({ snapshotId: ids[1], problem: 'mismatch' })]);
  });
});
