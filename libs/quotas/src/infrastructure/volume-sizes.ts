import type { RecordedEvent, SqlExecutor } from '#ember/event-store';
import { VolumeEvents } from '#ember/volumes';
import { needsVolumeSizes, type VolumeSizes } from '../domain/usage-deltas.js';

/**
 * The project and sizes an extend event refers to, read from the volume's own stream up to the event
 * (never from a read model), so live appends and replays see the same values.
 */
export async function volumeSizesFor(tx: SqlExecutor, event: RecordedEvent): Promise<VolumeSizes | undefined> {
  if (!needsVolumeSizes(event.type)) return undefined;
  const { rows } = await tx.query<{ project_id: string | null; size: number | null; new_size: number | null }>({
    name: 'ember_quota_volume_sizes',
    text: `SELECT (SELECT data->>'projectId' FROM events WHERE stream_id = $1 AND type = $3
                    ORDER BY stream_version LIMIT 1) AS project_id,
                  (SELECT (data->>'size')::int FROM events WHERE stream_id = $1 AND type IN ($3, $4)
                      AND stream_version < $2 ORDER BY stream_version DESC LIMIT 1) AS size,
                  (SELECT (data->>'newSize')::int FROM events WHERE stream_id = $1 AND type = $5
                      AND stream_version <= $2 ORDER BY stream_version DESC LIMIT 1) AS new_size`,
    values: [event.streamId, event.streamVersion, VolumeEvents.Requested, VolumeEvents.Extended, VolumeEvents.ExtendRequested],
  });
  const { project_id, size, new_size } = rows[0]!;
  if (project_id === null || size === null || new_size === null) return undefined;
  return { projectId: project_id, size, newSize: new_size };
}
