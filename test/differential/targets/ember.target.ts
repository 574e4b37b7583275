import { randomUUID } from 'node:crypto';
import { call, until, type ProjectVolumes, type SnapshotState, type Target } from '../target.js';

/**
 * Ember as a client sees it: volumes become `available` by themselves (the worker allocates them)
 * and `in-use` through `os-attach`; snapshots become `available` by themselves, and other states
 * come from os-reset_status (as on the oracle).
 */
export class EmberTarget implements Target {
  readonly label = 'Ember';
  constructor(readonly baseUrl: string) {}

  async volumes(project: string, token: string): Promise<ProjectVolumes> {
    const [available, inUse] = await Promise.all(['diff-available', 'diff-in-use'].map((name) => this.volume(project, token, name)));
    await call(this, token, 'POST', `/v3/${project}/volumes/${inUse}/action`, {
      'os-attach': { instance_uuid: randomUUID(), mountpoint: '/dev/vdb' },
    });
    await until(`Ember volume ${inUse} in-use`, async () => (await this.status(project, token, 'volumes', inUse)) === 'in-use');
    return { available: available!, inUse: inUse! };
  }

  async settleSnapshot(project: string, token: string, id: string, status: SnapshotState): Promise<void> {
    await until(`Ember snapshot ${id} available`, async () => {
      const s = await this.status(project, token, 'snapshots', id);
      if (s === 'error') throw new Error(`Ember fixture: snapshot ${id} went to error`);
      return s === 'available';
    });
    if (status === 'available') return;
    await call(this, token, 'POST', `/v3/${project}/snapshots/${id}/action`, { 'os-reset_status': { status } });
    const now = await this.status(project, token, 'snapshots', id);
    if (now !== status) throw new Error(`Ember fixture: snapshot ${id} is ${now} after os-reset_status to ${status}`);
  }

  private async volume(project: string, token: string, name: string): Promise<string> {
    const created = await call(this, token, 'POST', `/v3/${project}/volumes`, { volume: { size: 1, name } });
    const id = created.volume.id as string;
    await until(`Ember volume ${id} available`, async () => (await this.status(project, token, 'volumes', id)) === 'available');
    return id;
  }

  private async status(project: string, token: string, kind: 'volumes' | 'snapshots', id: string): Promise<string> {
    const body = await call(this, token, 'GET', `/v3/${project}/${kind}/${id}`);
    return (kind === 'volumes' ? body.volume.status : body.snapshot.status) as string;
  }
}
