// The Cinder dialect: pure TypeScript, no Nest/Express/TypeORM/BullMQ.

export {
  CinderHttpError,
  type CinderHttpErrorOptions,
  type FaultBody,
  type KeystoneErrorBody,
} from './errors/cinder-http-error.js';
export { faultNameFor } from './errors/fault-name.js';
export {
  BadMediaType,
  BadMethod,
  BadRequest,
  Conflict,
  Forbidden,
  NotAcceptable,
  NotFound,
  OverLimit,
} from './errors/client.errors.js';
export { InternalError, NotImplemented, ServiceUnavailable } from './errors/server.errors.js';
export { Unauthorized } from './errors/unauthorized.js';

export { ApiVersion, type ApiVersionLike, MAX_API_VERSION, MIN_API_VERSION } from './microversions/api-version.js';
export {
  API_VERSION_HEADER,
  LEGACY_API_VERSION_HEADER,
  responseVersionHeader,
  versionResponseHeaders,
} from './microversions/api-version-headers.js';
export { Microversions } from './microversions/microversions.js';
export { parseApiVersionHeader } from './microversions/parse-api-version-header.js';

export { API_VERSION_UPDATED, type VersionEntry, versionsDocument } from './versions/versions-document.js';
export { type BaseUrlSource, requestBaseUrl, stripVersionSuffix } from './versions/request-base-url.js';

export { COMPUTE_REQUEST_ID_HEADER, isRequestId, newRequestId, REQUEST_ID_HEADER } from './request-id/request-id.js';

export { cinderTimestamp, toCinderTimestamp } from './time/cinder-timestamp.js';
export { type Clock, fixedClock, nowCinder, systemClock } from './time/clock.js';

export { pyRepr, pyStr, pyStrRepr } from './python/py-repr.js';
export { pyStrip } from './python/py-strip.js';
export { codePointLength } from './python/code-point-length.js';

export { JSON_MEDIA_TYPES, MAX_REQUEST_BODY_SIZE, parseJsonBody } from './body/parse-json-body.js';
export type { JsonType, Schema, SchemaFormat, SchemaViolation } from './validation/schema.js';
export { schemaViolationMessage, validateSchema } from './validation/validate-schema.js';
export { parseBooleanParam, parseBooleanStrict } from './validation/parse-boolean-strict.js';
export { canonicalUuid, isUuidLike } from './validation/uuid-like.js';
export { type SnapshotCreateInput, validateSnapshotCreate } from './validation/validate-snapshot-create.js';
export { snapshotForceMode } from './validation/snapshot-force-mode.js';
export { type SnapshotUpdateInput, validateSnapshotUpdate } from './validation/validate-snapshot-update.js';
export { type VolumeCreateInput, validateVolumeCreate } from './validation/validate-volume-create.js';

export type { SnapshotDetailJson, SnapshotSummaryJson, SnapshotView } from './views/snapshot-view.js';
export { snapshotCreateResponse, snapshotDetail, snapshotSummary } from './views/snapshot-views.js';
export type { VolumeView, VolumeViewOptions } from './views/volume-view.js';
export { volumeDetail } from './views/volume-detail.js';
export { volumeLinks } from './views/volume-links.js';

export type { AuthContext } from './auth/auth-context.js';
export { noauthContext, parseNoauthToken } from './auth/noauth-token.js';
export { assertUrlProject, isUrlProjectId } from './auth/project-id.js';

export { authorize, isAllowed, type PolicySubject } from './policy/authorize.js';
export { POLICY_RULES, type Persona, type PolicyRule } from './policy/policy-rules.js';
export {
  SNAPSHOT_STATUSES,
  validateResetSnapshotStatus,
  validateUpdateSnapshotStatus,
} from './snapshot-actions/validate-snapshot-actions.js';
export { metadataBody, metaItemBody } from './snapshot-actions/snapshot-metadata.js';
export { validateSnapshotManage, type SnapshotManageInput } from './manage/validate-snapshot-manage.js';
export { parseManageableList, type ManageableListRequest } from './manage/manageable-list.js';
export {
  validateExtendVolume,
  validateResetVolumeStatus,
  validateVolumeUpdate,
  type VolumeUpdateInput,
} from './volume-actions/validate-volume-bodies.js';

export type {
  FilterScalar,
  ListCaller,
  ListFilter,
  ListMarker,
  ListRequest,
  ListSortKey,
  SnapshotListField,
  SnapshotListRequest,
  SortDir,
  TimeComparison,
  VolumeListField,
  VolumeListRequest,
} from './lists/list-request.js';
export { parseListRequest } from './lists/parse-list-request.js';
export { buildListSql, type ListSqlSource, type SqlColumn, type SqlStatement } from './lists/list-sql.js';
export type { ColumnType } from './lists/columns.js';
export { parseSnapshotListRequest } from './lists/parse-snapshot-list.js';
export { parseVolumeListRequest } from './lists/parse-volume-list.js';
export { QueryParams, quotePlus } from './lists/query-params.js';
export { MAX_LIMIT } from './lists/pagination-params.js';
export { type CollectionLink, listBody, nextLink, type NextLinkInput } from './lists/next-link.js';
export { type FilterableResource, RESOURCE_FILTERS, resourceFiltersBody } from './lists/resource-filters.js';
export { literalEval, PyDict, PyFloat, type PyLiteral } from './lists/python-literal.js';
