import type { ApiVersion } from '../microversions/api-version.js';
import { Microversions } from '../microversions/microversions.js';
import type { SnapshotDetailJson, SnapshotSummaryJson, SnapshotView } from './snapshot-view.js';

/**
 * A summary list item (`GET /snapshots`): the 9 base fields at every microversion. Key order is Cinder's
 * (the api-ref samples are sorted alphabetically instead).
 */
export function snapshotSummary(s: SnapshotView): SnapshotSummaryJson {
  return {
    id: s.id,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    name: s.name,
    description: s.description,
    volume_id: s.volumeId,
    status: s.status,
    size: s.size,
    metadata: { ...s.metadata },
  };
}

/**
 * Show / detail-list item: summary + `group_snapshot_id` (≥3.14), `user_id` (≥3.41), `consumes_quota`
 * (≥3.65), and — when the caller passes policy `volume_extension:extended_snapshot_attributes` —
 * `os-extended-snapshot-attributes:project_id`/`:progress`.
 */
export function snapshotDetail(
  s: SnapshotView,
  v: ApiVersion,
  opts: { extendedAttributes: boolean },
): SnapshotDetailJson {
  const json: SnapshotDetailJson = snapshotSummary(s);
  if (v.atLeast(Microversions.GROUP_SNAPSHOTS)) json.group_snapshot_id = s.groupSnapshotId;
  if (v.atLeast(Microversions.SNAPSHOT_LIST_USER_ID)) json.user_id = s.userId;
  if (v.atLeast(Microversions.USE_QUOTA)) json.consumes_quota = s.consumesQuota;
  if (opts.extendedAttributes) {
    json['os-extended-snapshot-attributes:project_id'] = s.projectId;
    json['os-extended-snapshot-attributes:progress'] = s.progress;
  }
  return json;
}

/** The body item of a create (202) or update (200) response: the detail view without extension fields. */
export function snapshotCreateResponse(s: SnapshotView, v: ApiVersion): SnapshotDetailJson {
  return snapshotDetail(s, v, { extendedAttributes: false });
}
