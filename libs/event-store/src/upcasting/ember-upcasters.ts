import { UpcasterRegistry } from './upcaster-registry.js';

/**
 * `snapshot.requested.v0`: how Ember's pre-release builds (0.0.x) recorded a snapshot request, in the
 * Cinder database's own column names, before `volumeVersion` was kept. Frozen history, so it is spelled
 * out here as data rather than imported from the snapshots lib (whose types describe only the current shape).
 */
export interface SnapshotRequestedV0 {
  snapshot_id: string;
  volume_id: string;
  project_id: string;
  user_id: string;
  display_name?: string | null;
  display_description?: string | null;
  metadata?: Record<string, string>;
  /** GiB. */
  volume_size: number;
  /** ISO 8601; some 0.0.x builds left it out (the event's `recorded_at` is the best stand-in). */
  created_at?: string;
}

/** The volume version a v0 request was decided on is unknown: 0 says so (real versions start at 1). */
export const UNKNOWN_VOLUME_VERSION = 0;

/** The upcasters of every event type Ember ever stored in an older shape. Readers see only current types. */
export function emberUpcasters(): UpcasterRegistry {
  return new UpcasterRegistry().register('snapshot.requested.v0', 'snapshot.requested.v1', (data, event) => {
    const old = data as unknown as SnapshotRequestedV0;
    return {
      snapshotId: old.snapshot_id,
      volumeId: old.volume_id,
      projectId: old.project_id,
      userId: old.user_id,
      name: old.display_name ?? null,
      description: old.display_description ?? null,
      metadata: { ...(old.metadata ?? {}) },
      size: old.volume_size,
      volumeVersion: UNKNOWN_VOLUME_VERSION,
      at: old.created_at ?? event.recordedAt.toISOString(),
    };
  });
}
