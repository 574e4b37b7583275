import { requestBaseUrl } from '#ember/cinder';
import type { EmberRequest } from './request-context.js';

/** The base URL for links and version documents: EMBER_PUBLIC_ENDPOINT, or what the client addressed. */
export function baseUrlOf(req: EmberRequest, publicEndpoint: string | undefined): string {
  return requestBaseUrl({
    publicEndpoint,
    protocol: req.protocol,
    host: req.header('host') ?? '127.0.0.1',
    forwardedHost: req.header('x-forwarded-host'),
    forwardedProto: req.header('x-forwarded-proto'),
  });
}
