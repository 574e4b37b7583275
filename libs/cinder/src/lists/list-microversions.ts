import { ApiVersion } from '../microversions/api-version.js';

/** Volume-list microversions (`cinder/api/microversions.py`) that only the list parser needs. */
export const VolumeListMicroversions = {
  VOLUME_LIST_BOOTABLE: ApiVersion.of('3.2'),
  VOLUME_LIST_GLANCE_METADATA: ApiVersion.of('3.4'),
  VOLUME_LIST_GROUP: ApiVersion.of('3.10'),
  VOLUME_TIME_COMPARISON_FILTER: ApiVersion.of('3.60'),
} as const;
