import type pg from 'pg';
import type { EventStore, InlineProjection } from '#ember/event-store';
import { snapshotStream, volumeStream } from '#ember/kernel';
import { SnapshotProjection } from '#ember/snapshots';
import { VolumeProjection } from '#ember/volumes';
import { openEventStore } from './open-event-store.js';
import { snapshotViewOf, volumeViewOf, type VolumeViewContext } from './point-in-time/cinder-views.js';
import { projectRow } from './point-in-time/project-row.js';
import { auditEntries, type AuditEntry } from './timeline/audit-entry.js';

export type AuditedKind = 'snapshot' | 'volume';
export const AUDITED_KINDS: readonly AuditedKind[] = ['snapshot', 'volume'];

/** A resource as it was at one moment. */
export interface PointInTime {
  /** The moment asked about (ISO 8601). */
  time: string;
  /** The API's view of the resource then; null when it did not exist (yet, or any more). */
  state: Record<string, unknown> | null;
  /** Why `state` is null: `not created yet` or `deleted`. */
  note?: 'not created yet' | 'deleted';
}

/** A resource's recorded history: every event of its stream, and optionally its state at a moment. */
export interface ResourceHistory {
  kind: AuditedKind;
  id: string;
  events: AuditEntry[];
  asOf?: PointInTime;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const KINDS: Record<AuditedKind, { stream: (id: string) => string; table: string; projection: InlineProjection }> = {
  snapshot: { stream: snapshotStream, table: 'snapshots', projection: new SnapshotProjection() },
  volume: { stream: volumeStream, table: 'volumes', projection: new VolumeProjection() },
};

/**
 * Audit of one snapshot or volume, read from the event log: its timeline (who did what, in which
 * request) and, for a moment in the past, the resource as the API showed it then — obtained by running
 * the read-model projection over the events recorded up to that moment.
 */
export class AuditTrail {
  private readonly store: EventStore;

  constructor(private readonly pool: pg.Pool) {
    this.store = openEventStore(pool);
  }

  /**
   * The history, or null when the log has no such resource. `asOf` is compared with the events'
   * recording time; `views` renders a volume's links and host as the API would.
   */
  async history(
    kind: AuditedKind,
    id: string,
    { asOf, views }: { asOf?: Date; views: VolumeViewContext },
  ): Promise<ResourceHistory | null> {
    if (!UUID.test(id)) return null;
    const resourceId = id.toLowerCase();
    const { stream, table, projection } = KINDS[kind];
    const all = await this.store.readStream(stream(resourceId));
    if (all.length === 0) return null;
    if (!asOf) return { kind, id: resourceId, events: auditEntries(all) };
    const after = all.findIndex((e) => e.recordedAt.getTime() > asOf.getTime());
    const upTo = after === -1 ? all : all.slice(0, after);
    const row = upTo.length === 0 ? null : await projectRow(this.pool, table, projection, resourceId, upTo);
    const state = row === null ? null : kind === 'snapshot' ? { ...snapshotViewOf(row) } : volumeViewOf(row, views);
    const note = upTo.length === 0 ? 'not created yet' : row === null ? 'deleted' : undefined;
    return {
      kind,
      id: resourceId,
      events: auditEntries(all).slice(0, upTo.length),
      asOf: { time: asOf.toISOString(), state, ...(note ? { note } : {}) },
    };
  }
}
