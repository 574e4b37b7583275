import type { InlineProjection, RecordedEvent, SqlExecutor } from '#ember/event-store';
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

/** Keeps the `volumes` read model in the append transaction. Pure: every value comes from the event. */
export class VolumeProjection implements InlineProjection {
  readonly name = 'volumes';
  readonly handles = Object.values(VolumeEvents);

  async apply(tx: SqlExecutor, event: RecordedEvent): Promise<void> {
    const id = event.streamId.slice('volume-'.length);
    const at = cinderTime(String(event.data.at));
    const v = event.streamVersion;
    switch (event.type) {
      case VolumeEvents.Requested: {
        const r = event.data as unknown as VolumeRequested;
        await tx.query({
          name: 'ember_volume_insert',
          text: `INSERT INTO volumes (id, project_id, user_id, name, description, status, size, metadata,
                   availability_zone, volume_type, snapshot_id, source_volid, created_at, version)
                 VALUES ($1, $2, $3, $4, $5, 'creating', $6, $7, $8, $9, $10, $11, $12, $13)`,
          values: [id, r.projectId, r.userId, r.name, r.description, r.size, r.metadata, r.availabilityZone,
            r.volumeType, r.snapshotId, r.sourceVolid, at, v],
        });
        return;
      }
      case VolumeEvents.Available:
        return this.set(tx, id, v, at, `status = 'available'`);
      case VolumeEvents.Failed:
        return this.set(tx, id, v, at, `status = 'error'`);
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
      case VolumeEvents.Updated: {
        const u = event.data as unknown as VolumeUpdated;
        return this.set(tx, id, v, at, `name = CASE WHEN $4 THEN $5 ELSE name END,
          description = CASE WHEN $6 THEN $7 ELSE description END`,
          ['name' in u, u.name ?? null, 'description' in u, u.description ?? null]);
      }
      case VolumeEvents.MetadataChanged:
        return this.set(tx, id, v, at, 'metadata = $4', [(event.data as unknown as VolumeMetadataChanged).metadata]);
      case VolumeEvents.StatusReset: {
        const r = event.data as unknown as VolumeStatusReset;
        return this.set(tx, id, v, at, `status = coalesce($4, status), attach_status = coalesce($5, attach_status)`,
          [r.status ?? null, r.attachStatus ?? null]);
      }
      case VolumeEvents.ExtendRequested:
        return this.set(tx, id, v, at, `status = 'extending'`);
      case VolumeEvents.Extended:
        return this.set(tx, id, v, at,
          `size = $4, status = CASE WHEN jsonb_array_length(attachments) > 0 THEN 'in-use' ELSE 'available' END`,
          [(event.data as unknown as VolumeExtended).size]);
      case VolumeEvents.ExtendFailed:
        return this.set(tx, id, v, at, `status = 'error_extending'`);
      case VolumeEvents.DeletionRequested:
        return this.set(tx, id, v, at, `status = 'deleting'`);
      case VolumeEvents.Reserved:
        return this.set(tx, id, v, at, `status = 'attaching'`);
      case VolumeEvents.DetachingStarted:
        return this.set(tx, id, v, at, `status = 'detaching'`);
      case VolumeEvents.Unreserved:
      case VolumeEvents.DetachingRolledBack:
        return this.set(tx, id, v, at, `status = CASE WHEN jsonb_array_length(attachments) > 0 THEN 'in-use' ELSE 'available' END`);
      case VolumeEvents.RevertRequested:
        return this.set(tx, id, v, at, `status = 'reverting'`);
      case VolumeEvents.Reverted:
        return this.set(tx, id, v, at, `status = 'available'`);
      case VolumeEvents.RevertFailed:
        return this.set(tx, id, v, at, `status = 'error'`);
      case VolumeEvents.DeletionFailed:
        return this.set(tx, id, v, at, `status = 'error_deleting'`);
      case VolumeEvents.Deleted:
        await tx.query({ name: 'ember_volume_delete', text: 'DELETE FROM volumes WHERE id = $1', values: [id] });
        return;
    }
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
