import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestApplicationOptions } from '@nestjs/common';
import type { Express } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { EmberExpressAdapter } from './ember-express-adapter.js';

describe('EmberExpressAdapter', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** Serves one GET on a server the adapter made; says whether Node made the request and response with Express's prototypes. */
  async function probe(options: NestApplicationOptions): Promise<{ born: boolean[]; status: number; body: unknown }> {
    const adapter = new EmberExpressAdapter();
    const app = adapter.getInstance<Express>();
    app.get('/probe', (req, res) => {
      res.json({ ip: req.ip, path: req.path });
    });
    adapter.initHttpServer(options);
    server = adapter.getHttpServer() as Server;
    const born: boolean[] = [];
    // Runs before Express's own listener: what Node made, before Express touched it.
    server.prependListener('request', (req, res) => {
      born.push(Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const reply = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/probe?x=1`);
    return { born, status: reply.status, body: await reply.json() };
  }

  it("makes requests and responses with Express's prototypes, so Express has no prototype to change", async () => {
    const { born, status, body } = await probe({});
    expect(born).toEqual([true, true]);
    // Express's request and response methods work on them.
    expect(status).toBe(200);
    expect(body).toEqual({ ip: '127.0.0.1', path: '/probe' });
  });

  it("leaves the server to Nest for the options Nest handles there (HTTPS, connection tracking, 503 on closing)", async () => {
    const { born, status } = await probe({ forceCloseConnections: true });
    expect(born).toEqual([false, false]);
    expect(status).toBe(200);
  });
});
