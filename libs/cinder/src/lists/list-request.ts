import type { CinderHttpError } from '../errors/cinder-http-error.js';

export type SortDir = 'asc' | 'desc';

/** A value an exact filter compares with (already converted to the column's type). */
export type FilterScalar = string | number | boolean | null;

/** Cinder's time comparison operators (`created_at=gt:2024-01-01T00:00:00,lt:…`). */
export type TimeComparison = 'gt' | 'gte' | 'eq' | 'neq' | 'lt' | 'lte';

/** One condition of a list query; a request's filters all apply (AND). */
export type ListFilter<F extends string> =
  /** `field = value`; a null value means `IS NULL`. */
  | { op: 'eq'; field: F; value: FilterScalar }
  /** `field IN (…)` (a Python list/tuple/set literal given as a volume filter value). */
  | { op: 'in'; field: F; values: Array<string | number | boolean> }
  /** `field LIKE '%value%'` (`key~=value`, MV ≥ 3.34); `%` and `_` in the value stay wildcards, as in Cinder. */
  | { op: 'like'; field: F; value: string }
  /** Every pair must be in the resource's metadata. */
  | { op: 'metadata'; pairs: Record<string, string> }
  /** Any of the comparisons holds (Cinder ORs them); `at` is UTC `YYYY-MM-DDTHH:MM:SS.ffffff`. */
  | { op: 'time'; field: F; any: Array<{ cmp: TimeComparison; at: string }> };

export interface ListSortKey<F extends string> {
  field: F;
  dir: SortDir;
}

/** The `marker` query parameter. */
export interface ListMarker {
  /** As the client wrote it (for the 404 message). */
  given: string;
  /** Canonical lower-case uuid, or null when it cannot name any row (then it is simply not found). */
  id: string | null;
}

/**
 * A Cinder list request (`GET /snapshots[/detail]`, `GET /volumes[/detail]`) after every Cinder rule
 * has been applied: what to select, in which order, which page, and whether to count.
 */
export interface ListRequest<F extends string> {
  /** The project whose rows are listed, or null for every project (admin with `all_tenants`). */
  projectId: string | null;
  filters: Array<ListFilter<F>>;
  /**
   * The filters cannot match anything (an admin's filter on a column the resource does not have, a
   * `metadata` value that is not a dict, …): Cinder answers an empty list without querying.
   */
  matchesNothing: boolean;
  /** Full order, Cinder's default keys (`created_at`, `id`) included, so the order is total. */
  sort: Array<ListSortKey<F>>;
  /** Page size: the requested limit capped at `osapi_max_limit` (1000), or 1000. */
  limit: number;
  offset: number;
  marker: ListMarker | null;
  /** `with_count=true` (MV ≥ 3.45): answer `count`, the number of matching rows ignoring paging. */
  withCount: boolean;
  /**
   * An error Cinder raises only after it has looked the marker up (an unknown marker's 404 wins over
   * it): throw it once the marker is known to exist.
   */
  afterMarker: CinderHttpError | null;
}

/** Who is listing. */
export interface ListCaller {
  isAdmin: boolean;
  projectId: string;
}

/** Snapshot read-model fields a list can filter or sort on (`availabilityZone` is the volume's). */
export type SnapshotListField =
  | 'id'
  | 'projectId'
  | 'userId'
  | 'volumeId'
  | 'name'
  | 'description'
  | 'status'
  | 'progress'
  | 'size'
  | 'consumesQuota'
  | 'groupSnapshotId'
  | 'createdAt'
  | 'updatedAt'
  | 'availabilityZone';

/** Volume read-model fields a list can filter or sort on. */
export type VolumeListField =
  | 'id'
  | 'projectId'
  | 'userId'
  | 'name'
  | 'description'
  | 'status'
  | 'attachStatus'
  | 'size'
  | 'availabilityZone'
  | 'snapshotId'
  | 'sourceVolid'
  | 'createdAt'
  | 'updatedAt';

export type SnapshotListRequest = ListRequest<SnapshotListField>;
export type VolumeListRequest = ListRequest<VolumeListField>;
