import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Case } from './case.js';

/** One side's answer as reported: status, fault name, normalised message. */
export interface Seen {
  status: number;
  fault: string | null;
  message: string | null;
}

export interface Outcome {
  case: Case;
  cinder?: Seen;
  ember?: Seen;
  /** Differences (empty = equivalent); a fixture or transport error is one line. */
  diffs: string[];
}

const mv = (c: Case) => (c.mv ? ` [volume ${c.mv}]` : c.headers ? ` ${JSON.stringify(c.headers)}` : '');
const seen = (s?: Seen) => (s ? `${s.status} ${s.fault ?? '—'}${s.message ? ` ${JSON.stringify(s.message)}` : ''}` : '(no answer)');

/** The failure message of one case: the request, both answers, every difference. */
export function describeOutcome(o: Outcome): string {
  const c = o.case;
  return [
    `${c.method} ${c.path}${mv(c)}${c.deviation ? ` (documented deviation: ${c.deviation.reason})` : ''}`,
    `  Cinder: ${seen(o.cinder)}`,
    `  Ember:  ${seen(o.ember)}`,
    ...o.diffs.map((d) => `  - ${d}`),
  ].join('\n');
}

/**
 * Writes every mismatch, grouped by endpoint, to <tmp>/ember-differential/report.md (and .json):
 * the list the integrator works through. Returns the markdown path.
 */
export function writeReport(outcomes: Outcome[]): string {
  const dir = join(tmpdir(), 'ember-differential');
  mkdirSync(dir, { recursive: true });
  const failed = outcomes.filter((o) => o.diffs.length > 0);
  const groups = [...new Set(failed.map((o) => o.case.group))];
  const md = [
    `# Differential run: ${outcomes.length - failed.length}/${outcomes.length} cases equivalent`,
    '',
    ...groups.flatMap((g) => [
      `## ${g}`,
      '',
      ...failed.filter((o) => o.case.group === g).flatMap((o) => [`### ${o.case.name}`, '```', describeOutcome(o), '```', '']),
    ]),
  ].join('\n');
  writeFileSync(join(dir, 'report.md'), md);
  writeFileSync(
    join(dir, 'report.json'),
    JSON.stringify(outcomes.map((o) => ({ group: o.case.group, name: o.case.name, cinder: o.cinder, ember: o.ember, diffs: o.diffs })), null, 2),
  );
  return join(dir, 'report.md');
}
