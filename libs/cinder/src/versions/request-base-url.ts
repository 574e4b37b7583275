/** What {@link requestBaseUrl} needs to know about a request (header values as received). */
export interface BaseUrlSource {
  /** Configured public endpoint (Cinder's `public_endpoint`); wins over everything else. */
  publicEndpoint?: string;
  /** `http` or `https` as seen by the server. */
  protocol: string;
  /** The `Host` header. */
  host: string;
  forwardedHost?: string;
  forwardedProto?: string;
}

/**
 * The base URL links are built on: `scheme://host[:port][/path]`, no trailing slash and no trailing
 * `/v<digits>` segment (Cinder strips it from `public_endpoint` the same way).
 * Forwarded headers are honoured (first value of a comma list); Cinder itself honours `X-Forwarded-Host`
 * in collection links only, and `X-Forwarded-Proto` only with `enable_proxy_headers_parsing`.
 */
export function requestBaseUrl(source: BaseUrlSource): string {
  if (source.publicEndpoint) return stripVersionSuffix(source.publicEndpoint);
  const proto = firstValue(source.forwardedProto) ?? source.protocol;
  const host = firstValue(source.forwardedHost) ?? source.host;
  return stripVersionSuffix(`${proto}://${host}`);
}

/** `http://h/v3/` → `http://h`; `http://h/volume/v2` → `http://h/volume`; `http://h/` → `http://h`. */
export function stripVersionSuffix(url: string): string {
  return url.replace(/\/v\d+\/?$/, '').replace(/\/+$/, '');
}

function firstValue(header: string | undefined): string | undefined {
  const first = header?.split(',')[0]?.trim();
  return first ? first : undefined;
}
