import { MAX_API_VERSION, MIN_API_VERSION } from '../microversions/api-version.js';

/** When the newest microversion was added (`cinder/api/openstack/api_version_request.py` `UPDATED`). */
export const API_VERSION_UPDATED = '2023-08-31T00:00:00Z';

/** One entry of the `versions` list. */
export interface VersionEntry {
  id: string;
  status: string;
  version: string;
  min_version: string;
  updated: string;
  links: Array<{ rel: string; href: string; type?: string }>;
  'media-types': Array<{ base: string; type: string }>;
}

/**
 * The body of `GET /` (300) and `GET /v3/` (200): the single v3 entry Cinder advertises.
 * @param selfBaseUrl scheme://host[:port][/prefix] without a version segment (see {@link requestBaseUrl}).
 */
export function versionsDocument(selfBaseUrl: string): { versions: VersionEntry[] } {
  return {
    versions: [
      {
        id: 'v3.0',
        status: 'CURRENT',
        version: MAX_API_VERSION.toString(),
        min_version: MIN_API_VERSION.toString(),
        updated: API_VERSION_UPDATED,
        links: [
          { rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' },
          { rel: 'self', href: `${selfBaseUrl.replace(/\/+$/, '')}/v3/` },
        ],
        'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.volume+json;version=3' }],
      },
    ],
  };
}
