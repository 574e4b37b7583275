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
import {
  VolumeEvents,
  type VolumeAttached,
  type VolumeAttachmentCompleted,
  type VolumeAttachmentReserved,
  type VolumeDetached,
  type VolumeExtended,
  type VolumeMetadataChanged,
  type VolumeRequested,
  type VolumeStatusReset,
  type VolumeUpdated,
} from '../domain/volume.events.js';

/**
 * Keeps the `volumes` read model in the append transaction. Pure: every value comes from the event.
 * Changes that follow from the event alone are declared once ({@link changeOf}) for both the live
 * statement and a replay's batch ({@link applyBatch}); those that read the row stay SQL ({@link apply}).
 */
export class VolumeProjection implements InlineProjection, RowPerStream {
  readonly name = 'volumes';
  readonly handles = Object.values(VolumeEvents);
  readonly readsMetadata = false;
  readonly table = 'volumes';
  readonly key = 'id';

  keyOf(event: RecordedEvent): string {
    return event.streamId.slice('volume-'.length);
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
      case VolumeEvents.Requested: {
        const r = event.data as unknown as VolumeRequested;
        return {
          insert: {
            id: this.keyOf(event), project_id: r.projectId, user_id: r.userId, name: r.name, description: r.description,
            status: 'creating', size: r.size, metadata: r.metadata, availability_zone: r.availabilityZone,
            volume_type: r.volumeType, snapshot_id: r.snapshotId, source_volid: r.sourceVolid, created_at: at, version: v,
          },
        };
      }
      case VolumeEvents.Available:
        return set({ status: 'available' });
      case VolumeEvents.Failed:
        return set({ status: 'error' });
      case VolumeEvents.Updated: {
        // Only the fields the request carried change.
        const u = event.data as unknown as VolumeUpdated;
        return set({ ...('name' in u ? { name: u.name ?? null } : {}), ...('description' in u ? { description: u.description ?? null } : {}) });
      }
      case VolumeEvents.MetadataChanged:
        return set({ metadata: (event.data as unknown as VolumeMetadataChanged).metadata });
      case VolumeEvents.StatusReset: {
        const r = event.data as unknown as VolumeStatusReset;
        return set({ ...(r.status != null ? { status: r.status } : {}), ...(r.attachStatus != null ? { attach_status: r.attachStatus } : {}) });
      }
      case VolumeEvents.ExtendRequested:
        return set({ status: 'extending' });
      case VolumeEvents.ExtendFailed:
        return set({ status: 'error_extending' });
      case VolumeEvents.DeletionRequested:
        return set({ status: 'deleting' });
      case VolumeEvents.Reserved:
        return set({ status: 'attaching' });
      case VolumeEvents.DetachingStarted:
        return set({ status: 'detaching' });
      case VolumeEvents.RevertRequested:
        return set({ status: 'reverting' });
      case VolumeEvents.Reverted:
        return set({ status: 'available' });
      case VolumeEvents.RevertFailed:
        return set({ status: 'error' });
      case VolumeEvents.DeletionFailed:
        return set({ status: 'error_deleting' });
      case VolumeEvents.Deleted:
        return { delete: true };
      default:
        return undefined; // reads the stored row (attachments): apply's SQL
    }
  }

  async apply(tx: SqlExecutor, event: RecordedEvent): Promise<void> {
    const id = this.keyOf(event);
    const change = this.changeOf(event);
    if (change) return writeRowChange(tx, this.table, this.key, id, change);
    const at = cinderTime(String(event.data.at));
    const v = event.streamVersion;
    switch (event.type) {
      case VolumeEvents.Attached: {
        const { at: _at, ...a } = event.data as unknown as VolumeAttached;
        return this.set(tx, id, v, at, `status = 'in-use', attach_status = 'attached',
          attachments = attachments || jsonb_build_array($4::jsonb)`, [JSON.stringify({ ...a, attachedAt: at })]);
      }
      case VolumeEvents.Detached: {
        const { attachmentId } = event.data as unknown as VolumeDetached;
        await this.set(tx, id, v, at, `
          attachments = (SELECT coalesce(jsonb_agg(a), '[]') FROM jsonb_array_elements(attachments) a
                          WHERE a->>'attachmentId' <> $4)`, [attachmentId]);
        return this.statusFromAttachments(tx, id);
      }
      case VolumeEvents.AttachmentReserved: {
        const r = event.data as unknown as VolumeAttachmentReserved;
        const attachment = {
          attachmentId: r.attachmentId, instanceUuid: r.instanceUuid, hostName: null, mountpoint: '', mode: r.mode,
          status: r.connector ? 'attaching' : 'reserved', attachedAt: null,
        };
        await this.set(tx, id, v, at, 'attachments = attachments || jsonb_build_array($4::jsonb)', [JSON.stringify(attachment)]);
        return this.statusFromAttachments(tx, id);
      }
      case VolumeEvents.AttachmentConnected:
      case VolumeEvents.AttachmentCompleted: {
        const { attachmentId } = event.data as unknown as VolumeAttachmentCompleted;
        const change = event.type === VolumeEvents.AttachmentCompleted ? { status: 'attached', attachedAt: at } : { status: 'attaching' };
        await this.set(tx, id, v, at, `attachments = (SELECT jsonb_agg(CASE WHEN a->>'attachmentId' = $4 THEN a || $5::jsonb ELSE a END)
          FROM jsonb_array_elements(attachments) a)`, [attachmentId, JSON.stringify(change)]);
        return this.statusFromAttachments(tx, id);
      }
      case VolumeEvents.Extended:
        return this.set(tx, id, v, at,
          `size = $4, status = CASE WHEN jsonb_array_length(attachments) > 0 THEN 'in-use' ELSE 'available' END`,
          [(event.data as unknown as VolumeExtended).size]);
      case VolumeEvents.Unreserved:
      case VolumeEvents.DetachingRolledBack:
        return this.set(tx, id, v, at, `status = CASE WHEN jsonb_array_length(attachments) > 0 THEN 'in-use' ELSE 'available' END`);
    }
  }

  /** A rebuild's batch: streams created in it are folded into one insert ({@link applyRowChanges}). */
  applyBatch(tx: SqlExecutor, events: readonly RecordedEvent[]): Promise<void> {
    return applyRowChanges(tx, this, events);
  }

  /** Cinder's bookkeeping: in-use if any attachment is attached, else attaching, reserved or available. */
  private async statusFromAttachments(tx: SqlExecutor, id: string): Promise<void> {
    await tx.query({
      name: 'ember_volume_attach_status',
      text: `UPDATE volumes SET
               status = CASE
                 WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(attachments) a WHERE coalesce(a->>'status', 'attached') = 'attached') THEN 'in-use'
                 WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(attachments) a WHERE a->>'status' = 'attaching') THEN 'attaching'
                 WHEN jsonb_array_length(attachments) > 0 THEN 'reserved'
                 ELSE 'available' END,
               attach_status = CASE
                 WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(attachments) a WHERE coalesce(a->>'status', 'attached') = 'attached') THEN 'attached'
                 WHEN jsonb_array_length(attachments) > 0 THEN 'attaching'
                 ELSE 'detached' END
             WHERE id = $1`,
      values: [id],
    });
  }

  private async set(tx: SqlExecutor, id: string, version: number, at: string, assignments: string, extra: unknown[] = []) {
    await tx.query(`UPDATE volumes SET ${assignments}, updated_at = $2, version = $3 WHERE id = $1`, [id, at, version, ...extra]);
  }
}
