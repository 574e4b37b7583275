import type { Request, Response } from 'express';
import { OverLimit, parseJsonBody } from '#ember/cinder';

/** oslo.middleware sizelimit's default `max_request_body_size`. */
export const MAX_BODY_BYTES = 114_688;

/**
 * Reads and parses the JSON body of requests that carry one (size, Content-Type and JSON checks).
 * Nothing to wait for (no promise) on GET, HEAD and OPTIONS.
 */
export function readBody(req: Request, _res: Response): void | Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
  const declared = Number(req.header('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new OverLimit('Request is too large.');
  return collect(req).then((raw) => {
    (req as Request & { rawBody?: Buffer }).rawBody = raw;
    req.body = raw.length === 0 ? undefined : parseJsonBody(raw, req.header('content-type'));
  });
}

/** The body's bytes; past {@link MAX_BODY_BYTES} the request is dropped (its connection with it) and refused. */
function collect(req: Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      req.off('data', onData);
      req.destroy();
      reject(new OverLimit('Request is too large.'));
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once('error', reject);
    req.once('close', () => req.complete || reject(new Error('the client went away before its request body ended')));
  });
}
