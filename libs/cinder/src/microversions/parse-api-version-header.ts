import { BadRequest, NotAcceptable } from '../errors/client.errors.js';
import { ApiVersion, MAX_API_VERSION, MIN_API_VERSION } from './api-version.js';
import { versionResponseHeaders } from './api-version-headers.js';

const VERSION_FORMAT = /^([1-9][0-9]*)\.([1-9][0-9]*|0)$/;

/**
 * The microversion a request asks for (CINDER-API.md §2.1).
 *
 * - `OpenStack-API-Version` absent → `legacyHeader` (`X-OpenStack-Volume-API-Version`, bare `3.x` or
 *   `volume 3.x`) if present, else 3.0 — the minimum, not the maximum.
 * - The first comma-separated item *containing* `volume` is used; none → 400 with webob's generic text.
 * - `latest` → {@link MAX_API_VERSION}; bad format → 400; outside 3.0–3.71 → 406 `computeFault`.
 *
 * @throws BadRequest | NotAcceptable with Cinder's messages.
 */
export function parseApiVersionHeader(headerValue: string | undefined, legacyHeader?: string): ApiVersion {
  if (headerValue !== undefined) return parseVersionText(volumeItem(headerValue));
  if (legacyHeader !== undefined && legacyHeader.trim() !== '') {
    const legacy = legacyHeader.trim();
    return parseVersionText(/\s/.test(legacy) ? volumeItem(legacy) : legacy);
  }
  return MIN_API_VERSION;
}

function volumeItem(headerValue: string): string {
  const item = headerValue.split(',').find((part) => part.includes('volume'));
  if (item === undefined) throw new BadRequest();
  const tokens = item.trim().split(/\s+/);
  // Cinder unpacks `service, version = item.split()` and answers 500 when that fails; a 400 is the honest answer.
  if (tokens.length !== 2) throw invalidFormat(tokens.slice(1).join(' '));
  return tokens[1]!;
}

function parseVersionText(text: string): ApiVersion {
  if (text === 'latest') return MAX_API_VERSION;
  const match = VERSION_FORMAT.exec(text);
  if (!match) throw invalidFormat(text);
  const version = new ApiVersion(Number(match[1]), Number(match[2]));
  if (version.matches(MIN_API_VERSION, MAX_API_VERSION)) return version;
  // The format forbids leading zeros, so `text` is already the canonical spelling (exact even past 2^53).
  // Cinder's Fault echoes the rejected version, except for what it calls legacy endpoints ("1.0"/"2.0" in it).
  const headers = /1\.0|2\.0/.test(text) ? undefined : versionResponseHeaders(text);
  throw new NotAcceptable(
    `Version ${text} is not supported by the API. Minimum is ${MIN_API_VERSION} and maximum is ${MAX_API_VERSION}.`,
    headers,
  );
}

const invalidFormat = (text: string): BadRequest =>
  new BadRequest(`API Version String ${text} is of invalid format. Must be of format MajorNum.MinorNum.`);
