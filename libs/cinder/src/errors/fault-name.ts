/** Fault names Cinder puts around an error body, keyed by HTTP status (`wsgi.Fault._fault_names`). */
const FAULT_NAMES: Readonly<Record<number, string>> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

/**
 * The key wrapping a Cinder fault body for `status`. Statuses Cinder has no name for
 * (406, 500, 502, …) are all `computeFault`, a leftover from Nova.
 */
export function faultNameFor(status: number): string {
  return FAULT_NAMES[status] ?? 'computeFault';
}
