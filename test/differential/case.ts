/**
 * One request of the differential catalogue, sent unchanged to Ember and to the real Cinder (the
 * oracle), whose answers are then compared after normalisation (ids, timestamps, hosts).
 *
 * Strings in `path`, `headers`, `token`, `body` and `raw.text` may hold placeholders, resolved per
 * target by the fixture layer (fixtures.ts):
 *
 * | placeholder | what it becomes |
 * |---|---|
 * | `{project}`, `{user}` | the run's project (hex) and user; the default token is `{user}:{project}` |
 * | `{other_project}` | a second hex project id nobody owns (URL ≠ token project) |
 * | `{quota_project}` | a project only the quota cases touch |
 * | `{list_project}`, `{list_volume}`, `{list_alpha}`, `{list_beta}`, `{list_gamma}` | a project holding exactly three `available` snapshots (list-alpha {color: red}, list-beta {color: blue}, list-gamma {}), created gamma, alpha, beta, on one volume |
 * | `{available_volume}`, `{in_use_volume}` | volumes of `{project}` in those states (`…_upper`: the id upper-cased) |
 * | `{run}` | a short tag of the run (names that must not collide with earlier runs on the same oracle) |
 * | `{snapshot}` | a shared `available` snapshot (`diff-snap-{run}`, description `diff description`, metadata {k1: v1}); never changed by a case |
 * | `{creating_snapshot}` | a shared snapshot in `creating`; never changed by a case |
 * | `{new_snapshot}`, `{new_creating_snapshot}`, `{new_error_snapshot}`, `{new_deleting_snapshot}` | a snapshot made for this case alone, in that status, metadata {k1: v1, k2: v2} |
 * | `{missing_uuid}` | a uuid nothing has (`…_hex`: the same as 32 hex digits without dashes) |
 */
export interface Case {
  /** Unique; the test title. */
  name: string;
  /** The endpoint, for grouping in the report (`snapshot create`, `snapshot list`, …). */
  group: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: string;
  /** Shorthand for the header `OpenStack-API-Version: volume <mv>`. */
  mv?: string;
  /** Extra request headers (templated). */
  headers?: Record<string, string>;
  /** `X-Auth-Token` (templated); default `{user}:{project}`; `null` sends none. */
  token?: string | null;
  /** A JSON body (templated recursively), sent with `Content-Type: application/json`. */
  body?: unknown;
  /** A raw body instead; `contentType: null` sends no Content-Type. */
  raw?: { text: string; contentType: string | null };
  compare?: Compare;
  /** A request sent right after this one, with the same resources, compared the same way. */
  then?: FollowUp;
  /**
   * A known, documented difference (docs/compatibility.md): the oracle must answer `cinder` and
   * Ember `ember` (instead of Ember matching the oracle).
   */
  deviation?: Deviation;
}

export interface FollowUp {
  method: Case['method'];
  path: string;
  mv?: string;
  compare?: Compare;
}

/** What is compared besides the status code and the fault name (always compared). */
export interface Compare {
  /** The fault message (normalised); default true. */
  message?: boolean;
  /** Key sets and value types, recursively (ids and timestamps ignored); default true. */
  shape?: boolean;
  /** Normalised values at these paths (`snapshot.status`, `snapshots[].name`, `count`). */
  values?: string[];
  /** Compare the values of `values` as multisets (list order not guaranteed). */
  unordered?: boolean;
  /** Response headers whose (normalised) values must be equal, lower case. */
  headers?: string[];
}

/** An answer as far as a deviation pins it down; omitted fields are not checked. */
export interface Expected {
  status: number;
  /** The fault name, or null for a body that is not a Cinder fault. */
  fault?: string | null;
  /** The normalised fault message (uuids as `<uuid>`). */
  message?: string;
}

export interface Deviation {
  /** Why Ember answers differently: one line, repeated in docs/compatibility.md. */
  reason: string;
  cinder: Expected;
  ember: Expected;
}
