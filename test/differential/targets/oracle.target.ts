import { oracleScript } from '../oracle-setup.js';
import { call, type ProjectVolumes, type SnapshotState, type Target } from '../target.js';

/**
 * The real Cinder API (no scheduler, no volume service): volumes come from the oracle's seed.sh
 * (host set in the DB, os-reset_status, an attachment completed at 3.44, here given the mountpoint
 * Ember's os-attach records); snapshots stay `creating` until an action moves them.
 */
export class OracleTarget implements Target {
  readonly label = 'Cinder';
  constructor(readonly baseUrl: string) {}

  async volumes(project: string): Promise<ProjectVolumes> {
    const seeded = await oracleScript(['seed', project]);
    if (seeded.code !== 0) throw new Error(`Cinder fixture: scripts/oracle.sh seed ${project} → ${seeded.code}: ${seeded.stderr.trim()}`);
    const json = JSON.parse(seeded.stdout.trim().split('\n').pop()!);
    // Ember's in-use volume is attached at /dev/vdb (os-attach); the attachments API the seed uses
    // (no connector: no RPC to a volume service) records no mountpoint, so give it the same one.
    const sql = `UPDATE volume_attachment SET mountpoint='/dev/vdb' WHERE id='${json.attachment_id}'`;
    const updated = await oracleScript(['dbexec', sql]);
    if (updated.code !== 0) throw new Error(`Cinder fixture: ${sql} → ${updated.code}: ${updated.stderr.trim()}`);
    return { available: json.available_volume_id, inUse: json.in_use_volume_id };
  }

  async settleSnapshot(project: string, token: string, id: string, status: SnapshotState): Promise<void> {
    // The same history as on Ember: creating → available (100%, as a backend reports it) → reset.
    const act = (body: unknown) => call(this, token, 'POST', `/v3/${project}/snapshots/${id}/action`, body);
    await act({ 'os-update_snapshot_status': { status: 'available', progress: '100%' } });
    if (status !== 'available') await act({ 'os-reset_status': { status } });
  }
}
