import { randomUUID } from 'node:crypto';

/** Header carrying the request id on every response (oslo.middleware `RequestId`). */
export const REQUEST_ID_HEADER = 'x-openstack-request-id';

/** Legacy copy of the request id on controller responses and faults (`wsgi._set_request_id_header`). */
export const COMPUTE_REQUEST_ID_HEADER = 'x-compute-request-id';

// oslo.middleware's ID_FORMAT: lower-case hex only.
const REQUEST_ID = /^req-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;

/** A fresh `req-<uuid4>`; every request gets one, whatever the client sent. */
export function newRequestId(): string {
  return `req-${randomUUID()}`;
}

/**
 * Whether an inbound `X-Openstack-Request-Id` may be kept as the *global* request id
 * (oslo.middleware ignores values that do not look like `req-<uuid>`).
 */
export function isRequestId(value: string | undefined): value is string {
  return value !== undefined && REQUEST_ID.test(value);
}
