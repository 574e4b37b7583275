import type { InlineProjection, RecordedEvent, SqlExecutor } from '#ember/event-store';
import { cinderTime } from '#ember/kernel';
import type { SnapshotEntity } from './snapshot.entity.js';
import {
  SnapshotEvents,
  type SnapshotAvailable,
  type SnapshotDeletionRequested,
  type SnapshotMetadataChanged,
  type SnapshotProgressed,
  type SnapshotRequested,
  type SnapshotStatusReset,
  type SnapshotStatusUpdated,
  type SnapshotUpdated,
} from '../domain/snapshot.events.js';

/** The `snapshots` row a request creates (the projection inserts it; the create answers it). */
export function snapshotRowOf(id: string, r: SnapshotRequested, version: number): SnapshotEntity {
  return {
    id, projectId: r.projectId, userId: r.userId, volumeId: r.volumeId, name: r.name, description: r.description,
    status: 'creating', progress: '0%', size: r.size, metadata: r.metadata, consumesQuota: true, groupSnapshotId: null,
    bytes: null, allocatedBytes: null, checksum: null, createdAt: cinderTime(r.at), updatedAt: null, version,
  };
}

/** Keeps the `snapshots` read model in the append transaction. Pure: every value comes from the event. */
export class SnapshotProjection implements InlineProjection {
  readonly name = 'snapshots';
  readonly handles = Object.values(SnapshotEvents);

  async apply(tx: SqlExecutor, event: RecordedEvent): Promise<void> {
    const id = event.streamId.slice('snapshot-'.length);
    const at = cinderTime(String(event.data.at));
    const v = event.streamVersion;
    switch (event.type) {
      case SnapshotEvents.Requested: {
        const r = snapshotRowOf(id, event.data as unknown as SnapshotRequested, v);
        await tx.query({
          name: 'ember_snapshot_insert',
          text: `INSERT INTO snapshots (id, project_id, user_id, volume_id, name, description, status, progress,
                   size, metadata, consumes_quota, created_at, version)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          values: [r.id, r.projectId, r.userId, r.volumeId, r.name, r.description, r.status, r.progress, r.size, r.metadata,
            r.consumesQuota, r.createdAt, r.version],
        });
        return;
      }
      case SnapshotEvents.Progressed:
        return this.set(tx, id, v, at, 'progress = $4', [(event.data as unknown as SnapshotProgressed).progress]);
      case SnapshotEvents.Available: {
        const a = event.data as unknown as SnapshotAvailable;
        return this.set(tx, id, v, at, `status = 'available', progress = '100%', bytes = $4, allocated_bytes = $5,
          checksum = $6`, [a.bytes, a.allocatedBytes, a.checksum]);
      }
      case SnapshotEvents.Failed:
        return this.set(tx, id, v, at, `status = 'error'`);
      case SnapshotEvents.Updated: {
        const u = event.data as unknown as SnapshotUpdated;
        // Only the fields the request carried change; CASE keeps the others.
        return this.set(tx, id, v, at, `name = CASE WHEN $4 THEN $5 ELSE name END,
          description = CASE WHEN $6 THEN $7 ELSE description END`,
          ['name' in u, u.name ?? null, 'description' in u, u.description ?? null]);
      }
      case SnapshotEvents.MetadataChanged:
        return this.set(tx, id, v, at, 'metadata = $4', [(event.data as unknown as SnapshotMetadataChanged).metadata]);
      case SnapshotEvents.StatusReset:
        return this.set(tx, id, v, at, 'status = $4', [(event.data as unknown as SnapshotStatusReset).status]);
      case SnapshotEvents.StatusUpdated: {
        const u = event.data as unknown as SnapshotStatusUpdated;
        return this.set(tx, id, v, at, 'status = $4, progress = coalesce($5, progress)', [u.status, u.progress]);
      }
      case SnapshotEvents.DeletionRequested: {
        const unmanage = (event.data as unknown as SnapshotDeletionRequested).unmanage;
        return this.set(tx, id, v, at, 'status = $4', [unmanage ? 'unmanaging' : 'deleting']);
      }
      case SnapshotEvents.DeletionFailed:
        return this.set(tx, id, v, at, `status = 'error_deleting'`);
      case SnapshotEvents.RestoreStarted:
        return this.set(tx, id, v, at, `status = 'restoring'`);
      case SnapshotEvents.RestoreFinished:
        return this.set(tx, id, v, at, `status = 'available'`);
      case SnapshotEvents.Deleted:
        // Gone from the API (404); its history stays in the event log.
        await tx.query({ name: 'ember_snapshot_delete', text: 'DELETE FROM snapshots WHERE id = $1', values: [id] });
        return;
    }
  }

  private async set(tx: SqlExecutor, id: string, version: number, at: string, assignments: string, extra: unknown[] = []) {
    await tx.query(`UPDATE snapshots SET ${assignments}, updated_at = $2, version = $3 WHERE id = $1`, [id, at, version, ...extra]);
  }
}
