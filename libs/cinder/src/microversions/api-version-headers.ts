import type { ApiVersion } from './api-version.js';

/** The request/response header carrying the microversion, e.g. `OpenStack-API-Version: volume 3.65`. */
export const API_VERSION_HEADER = 'OpenStack-API-Version';

/** Sent by gophercloud next to {@link API_VERSION_HEADER}; Cinder never reads it, Ember uses it only as a fallback. */
export const LEGACY_API_VERSION_HEADER = 'X-OpenStack-Volume-API-Version';

/** Value of `OpenStack-API-Version` on a response: `volume 3.65`. Pair it with `Vary: OpenStack-API-Version`. */
export function responseVersionHeader(version: ApiVersion | string): string {
  return `volume ${String(version)}`;
}

/** Both headers Cinder puts on every response its API resources produce (faults included). */
export function versionResponseHeaders(version: ApiVersion | string): Record<string, string> {
  return { [API_VERSION_HEADER]: responseVersionHeader(version), Vary: API_VERSION_HEADER };
}
