import {
  applyRowChanges,
  writeRowChange,
  type InlineProjection,
  type RecordedEvent,
  type RowChange,
  type RowPerStream,
  type SqlExecutor,
} from '#ember/event-store';
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

/**
 * Keeps the `snapshots` read model in the append transaction. Pure: every value comes from the event.
 * Changes that follow from the event alone are declared once ({@link changeOf}) for both the live
 * statement and a replay's batch ({@link applyBatch}); those that read the row stay SQL ({@link apply}).
 */
export class SnapshotProjection implements InlineProjection, RowPerStream {
  readonly name = 'snapshots';
  readonly handles = Object.values(SnapshotEvents);
  readonly readsMetadata = false;
  readonly table = 'snapshots';
  readonly key = 'id';

  keyOf(event: RecordedEvent): string {
    return event.streamId.slice('snapshot-'.length);
  }

  changeOf(event: RecordedEvent): RowChange | undefined {
    const at = cinderTime(String(event.data.at));
    const v = event.streamVersion;
    const set = (columns: Record<string, unknown>): RowChange => {
      columns.updated_at = at;
      columns.version = v;
      return { update: columns };
    };
    switch (event.type) {
      case SnapshotEvents.Requested: {
        const r = snapshotRowOf(this.keyOf(event), event.data as unknown as SnapshotRequested, v);
        return {
          insert: {
            id: r.id, project_id: r.projectId, user_id: r.userId, volume_id: r.volumeId, name: r.name, description: r.description,
            status: r.status, progress: r.progress, size: r.size, metadata: r.metadata, consumes_quota: r.consumesQuota,
            created_at: r.createdAt, version: r.version,
          },
        };
      }
      case SnapshotEvents.Progressed:
        return set({ progress: (event.data as unknown as SnapshotProgressed).progress });
      case SnapshotEvents.Available: {
        const a = event.data as unknown as SnapshotAvailable;
        return set({ status: 'available', progress: '100%', bytes: a.bytes, allocated_bytes: a.allocatedBytes, checksum: a.checksum });
      }
      case SnapshotEvents.Failed:
        return set({ status: 'error' });
      case SnapshotEvents.Updated: {
        // Only the fields the request carried change.
        const u = event.data as unknown as SnapshotUpdated;
        return set({ ...('name' in u ? { name: u.name ?? null } : {}), ...('description' in u ? { description: u.description ?? null } : {}) });
      }
      case SnapshotEvents.MetadataChanged:
        return set({ metadata: (event.data as unknown as SnapshotMetadataChanged).metadata });
      case SnapshotEvents.StatusReset:
        return set({ status: (event.data as unknown as SnapshotStatusReset).status });
      case SnapshotEvents.StatusUpdated: {
        const u = event.data as unknown as SnapshotStatusUpdated;
        return set({ status: u.status, ...(u.progress != null ? { progress: u.progress } : {}) });
      }
      case SnapshotEvents.DeletionRequested: {
        const unmanage = (event.data as unknown as SnapshotDeletionRequested).unmanage;
        return set({ status: unmanage ? 'unmanaging' : 'deleting' });
      }
      case SnapshotEvents.DeletionFailed:
        return set({ status: 'error_deleting' });
      case SnapshotEvents.RestoreStarted:
        return set({ status: 'restoring' });
      case SnapshotEvents.RestoreFinished:
        return set({ status: 'available' });
      case SnapshotEvents.Deleted:
        // Gone from the API (404); its history stays in the event log.
        return { delete: true };
      default:
        return undefined;
    }
  }

  async apply(tx: SqlExecutor, event: RecordedEvent): Promise<void> {
    const change = this.changeOf(event);
    if (change) await writeRowChange(tx, this.table, this.key, this.keyOf(event), change);
  }

  /** A rebuild's batch: streams created in it are folded into one insert ({@link applyRowChanges}). */
  applyBatch(tx: SqlExecutor, events: readonly RecordedEvent[]): Promise<void> {
    return applyRowChanges(tx, this, events);
  }
}
