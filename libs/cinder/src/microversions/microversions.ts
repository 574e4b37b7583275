import { ApiVersion } from './api-version.js';

/**
 * The microversions that change snapshot/volume behaviour Ember implements, named as in
 * `cinder/api/microversions.py` (CINDER-API.md §2.3).
 */
export const Microversions = {
  MANAGE_EXISTING_LIST: ApiVersion.of('3.8'),
  GROUP_VOLUME: ApiVersion.of('3.13'),
  GROUP_SNAPSHOTS: ApiVersion.of('3.14'),
  MANAGE_EXISTING_CLUSTER: ApiVersion.of('3.17'),
  VOLUME_DETAIL_PROVIDER_ID: ApiVersion.of('3.21'),
  VOLUME_DELETE_FORCE: ApiVersion.of('3.23'),
  SNAPSHOT_LIST_METADATA_FILTER: ApiVersion.of('3.22'),
  NEW_ATTACH: ApiVersion.of('3.27'),
  SNAPSHOT_SORT: ApiVersion.of('3.30'),
  RESOURCE_FILTER: ApiVersion.of('3.31'),
  RESOURCE_FILTER_CONFIG: ApiVersion.of('3.33'),
  LIKE_FILTER: ApiVersion.of('3.34'),
  VOLUME_REVERT: ApiVersion.of('3.40'),
  SNAPSHOT_LIST_USER_ID: ApiVersion.of('3.41'),
  VOLUME_EXTEND_INUSE: ApiVersion.of('3.42'),
  NEW_ATTACH_COMPLETION: ApiVersion.of('3.44'),
  SUPPORT_COUNT_INFO: ApiVersion.of('3.45'),
  VOLUME_CREATE_FROM_BACKUP: ApiVersion.of('3.47'),
  VOLUME_SHARED_TARGETS_AND_SERVICE_FIELDS: ApiVersion.of('3.48'),
  SUPPORT_VOLUME_SCHEMA_CHANGES: ApiVersion.of('3.53'),
  ATTACHMENT_CREATE_MODE_ARG: ApiVersion.of('3.54'),
  VOLUME_CLUSTER_NAME: ApiVersion.of('3.61'),
  VOLUME_TYPE_ID_IN_VOLUME_DETAIL: ApiVersion.of('3.63'),
  ENCRYPTION_KEY_ID_IN_DETAILS: ApiVersion.of('3.64'),
  USE_QUOTA: ApiVersion.of('3.65'),
  SNAPSHOT_IN_USE: ApiVersion.of('3.66'),
  PROJECT_ID_OPTIONAL_IN_URL: ApiVersion.of('3.67'),
  SHARED_TARGETS_TRISTATE: ApiVersion.of('3.69'),
} as const;
