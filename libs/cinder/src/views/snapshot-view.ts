/** The read-model row a snapshot response is built from (timestamps already in Cinder's text format). */
export interface SnapshotView {
  id: string;
  projectId: string;
  userId: string;
  volumeId: string;
  name: string | null;
  description: string | null;
  status: string;
  /** e.g. `"0%"`, `"100%"`. */
  progress: string;
  /** GiB: the volume's size when the snapshot was taken. */
  size: number;
  metadata: Record<string, string>;
  /** `YYYY-MM-DDTHH:MM:SS.ffffff` (see `toCinderTimestamp`). */
  createdAt: string;
  updatedAt: string | null;
  groupSnapshotId: string | null;
  consumesQuota: boolean;
}

/** The 9 fields every snapshot representation has (summary list items, manage responses). */
export interface SnapshotSummaryJson {
  id: string;
  created_at: string;
  updated_at: string | null;
  name: string | null;
  description: string | null;
  volume_id: string;
  status: string;
  size: number;
  metadata: Record<string, string>;
}

/** A detail representation: summary plus the microversion-gated and extension fields. */
export interface SnapshotDetailJson extends SnapshotSummaryJson {
  group_snapshot_id?: string | null;
  user_id?: string;
  consumes_quota?: boolean;
  'os-extended-snapshot-attributes:project_id'?: string;
  'os-extended-snapshot-attributes:progress'?: string;
}
