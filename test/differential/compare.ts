import { faultOf, valuesAt, type Answer } from './answer.js';
import type { Compare, Expected } from './case.js';
import { normalizeJson, normalizeText, type Normalizer } from './normalize.js';
import { shapeDiff, shapeOf } from './shape.js';

/** One side of a comparison: the answer and how to normalise it. */
export interface Side {
  answer: Answer;
  norm: Normalizer;
}

/** The normalised fault of an answer. */
export function normalizedFault(side: Side): { status: number; fault: string | null; message: string | null } {
  const f = faultOf(side.answer);
  return { status: side.answer.status, fault: f.name, message: f.message === null ? null : normalizeText(f.message, side.norm) };
}

/** JSON with object keys sorted: key order is not behaviour (Cinder's dicts come from the DB). */
const q = (v: unknown): string =>
  JSON.stringify(v, (_, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );

/** Every difference between Cinder's and Ember's answers, one line each (empty = equivalent). */
export function compareAnswers(cinder: Side, ember: Side, compare: Compare = {}): string[] {
  const c = normalizedFault(cinder);
  const e = normalizedFault(ember);
  const out: string[] = [];
  if (c.status !== e.status) out.push(`status: Cinder ${c.status}, Ember ${e.status}`);
  if (c.fault !== e.fault) out.push(`fault: Cinder ${c.fault}, Ember ${e.fault}`);
  if (compare.message !== false && c.message !== e.message) out.push(`message: Cinder ${q(c.message)}, Ember ${q(e.message)}`);
  // Shapes of fault bodies are the envelope, already covered by fault + message.
  if (compare.shape !== false && c.fault === null && e.fault === null && c.status === e.status) {
    const cj = normalizeJson(cinder.answer.json, cinder.norm);
    const ej = normalizeJson(ember.answer.json, ember.norm);
    out.push(...shapeDiff(shapeOf(cj), shapeOf(ej)).map((d) => `shape ${d}`));
  }
  const sorted = (vs: unknown[]) => (compare.unordered ? [...vs].sort((a, b) => q(a).localeCompare(q(b))) : vs);
  for (const path of compare.values ?? []) {
    const cv = sorted(valuesAt(normalizeJson(cinder.answer.json, cinder.norm), path));
    const ev = sorted(valuesAt(normalizeJson(ember.answer.json, ember.norm), path));
    if (q(cv) !== q(ev)) out.push(`value ${path}: Cinder ${q(cv)}, Ember ${q(ev)}`);
  }
  for (const h of compare.headers ?? []) {
    const ch = cinder.answer.headers[h];
    const eh = ember.answer.headers[h];
    const cn = ch === undefined ? '<absent>' : normalizeText(ch, cinder.norm);
    const en = eh === undefined ? '<absent>' : normalizeText(eh, ember.norm);
    if (cn !== en) out.push(`header ${h}: Cinder ${q(cn)}, Ember ${q(en)}`);
  }
  return out;
}

/** Differences between an answer and what a documented deviation says it is. */
export function checkExpected(who: 'Cinder' | 'Ember', side: Side, expected: Expected): string[] {
  const got = normalizedFault(side);
  const out: string[] = [];
  if (got.status !== expected.status) out.push(`${who} status ${got.status}, documented ${expected.status}`);
  if (expected.fault !== undefined && got.fault !== expected.fault) out.push(`${who} fault ${got.fault}, documented ${expected.fault}`);
  if (expected.message !== undefined && got.message !== expected.message) {
    out.push(`${who} message ${q(got.message)}, documented ${q(expected.message)}`);
  }
  return out;
}
