import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where CI and dev checkouts keep the api-ref samples: `shared/` beside the repository. */
export const SAMPLES_DIR = resolve(process.cwd(), '../shared/cinder-samples');

export const HAVE_SAMPLES = existsSync(SAMPLES_DIR);

/** A describe title that says why the sample comparisons did not run. */
export const samplesTitle = (title: string): string =>
  HAVE_SAMPLES ? title : `${title} — SKIPPED: ${SAMPLES_DIR} not found (shared/ must sit beside the repo)`;

export function loadSample(relativePath: string): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(SAMPLES_DIR, relativePath), 'utf8')) as Record<string, unknown>;
}

/** Key → JSON type of each field: what a client relies on when the values differ. */
export function shapeOf(json: Record<string, unknown>): Record<string, string> {
  const type = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, type(v)]));
}
