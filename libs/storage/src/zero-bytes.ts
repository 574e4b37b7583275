const shared = { buf: Buffer.alloc(0) };

/**
 * A read-only view of `length` zero bytes, backed by one shared buffer that grows on demand.
 * Callers must never write into it.
 */
export function zeroBytes(length: number): Buffer {
  if (shared.buf.length < length) shared.buf = Buffer.alloc(length);
  return shared.buf.subarray(0, length);
}
