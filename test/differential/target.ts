import { answerOf, type Answer } from './answer.js';
import type { Normalizer } from './normalize.js';

/** A request after placeholder resolution. */
export interface Prepared {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** `X-Auth-Token`, or null for none. */
  token: string | null;
  body?: unknown;
  raw?: { text: string; contentType: string | null };
}

/** The volumes of a project the catalogue needs. */
export interface ProjectVolumes {
  available: string;
  inUse: string;
}

/** One side of the comparison: how to talk to it and how to bring resources into a state. */
export interface Target {
  readonly label: 'Cinder' | 'Ember';
  readonly baseUrl: string;
  /** One `available` and one `in-use` volume in `project`. */
  volumes(project: string, token: string): Promise<ProjectVolumes>;
  /** Brings a just-created snapshot (202 `creating`) into `status`. */
  settleSnapshot(project: string, token: string, id: string, status: SnapshotState): Promise<void>;
}

export type SnapshotState = 'available' | 'creating' | 'error' | 'deleting';

/** Sends a prepared request (no redirects followed, 30 s timeout). */
export async function send(baseUrl: string, r: Prepared): Promise<Answer> {
  const headers: Record<string, string> = { ...r.headers };
  if (r.token !== null) headers['X-Auth-Token'] = r.token;
  let body: Uint8Array | undefined;
  if (r.raw) {
    // A Uint8Array, not a string: fetch would add `Content-Type: text/plain` to a string body.
    body = Buffer.from(r.raw.text, 'utf8');
    if (r.raw.contentType !== null) headers['Content-Type'] = r.raw.contentType;
  } else if (r.body !== undefined) {
    body = Buffer.from(JSON.stringify(r.body), 'utf8');
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${baseUrl}${r.path}`, {
    method: r.method,
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  return answerOf(res);
}

/** A JSON call the fixtures make; throws with the answer when the status is not `expected`. */
export async function call(target: Target, token: string, method: string, path: string, body?: unknown, mv = '3.0', expected = [200, 202]): Promise<any> {
  const a = await send(target.baseUrl, { method, path, token, body, headers: { 'OpenStack-API-Version': `volume ${mv}` } });
  if (!expected.includes(a.status)) throw new Error(`${target.label} fixture: ${method} ${path} → ${a.status} ${a.text.slice(0, 300)}`);
  return a.json;
}

/** Polls until `probe` returns a value; throws `what` after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The normaliser of a target: its base URL, and the run's ids labelled. */
export function normalizerFor(target: Target, labels: Record<string, string>): Normalizer {
  const u = new URL(target.baseUrl);
  return { origins: [target.baseUrl, u.host], labels };
}
