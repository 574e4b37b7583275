import type { Request, Response } from 'express';
import { OverLimit, parseJsonBody } from '#ember/cinder';

/** oslo.middleware sizelimit's default `max_request_body_size`. */
export const MAX_BODY_BYTES = 114_688;

/** Reads and parses the JSON body of requests that carry one (size, Content-Type and JSON checks). */
export async function readBody(req: Request, _res: Response): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
  const declared = Number(req.header('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new OverLimit('Request is too large.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new OverLimit('Request is too large.');
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks);
  (req as Request & { rawBody?: Buffer }).rawBody = raw;
  req.body = raw.length === 0 ? undefined : parseJsonBody(raw, req.header('content-type'));
}
