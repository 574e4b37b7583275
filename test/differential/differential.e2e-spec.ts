import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStack, type RunningStack } from '../support/stack.js';
import type { Case } from './case.js';
import { CATALOGUE } from './catalogue.js';
import { checkExpected, compareAnswers, normalizedFault, type Side } from './compare.js';
import { World, type RunIds } from './fixtures.js';
import { describeOutcome, writeReport, type Outcome } from './report.js';
import { normalizerFor, send, type Target } from './target.js';
import { EmberTarget } from './targets/ember.target.js';
import { OracleTarget } from './targets/oracle.target.js';

const oracle = inject('oracle');
const hex = () => randomBytes(16).toString('hex');
// Fresh projects per run: the oracle keeps its state between runs and may be shared.
const ids: RunIds = { run: randomBytes(4).toString('hex'), user: 'diff-user', project: hex(), listProject: hex(), quotaProject: hex(), otherProject: hex(), missing: randomUUID() };
const labels = {
  [ids.project]: '<project>',
  [ids.listProject]: '<list_project>',
  [ids.quotaProject]: '<quota_project>',
  [ids.otherProject]: '<other_project>',
  [ids.user]: '<user>',
  [`diff-snap-${ids.run}`]: 'diff-snap-<run>',
};

const skipped = 'skip' in oracle;
if (skipped) console.warn(`[differential] SKIPPED: the Cinder oracle is not available here (${oracle.skip})`);
const suite = skipped ? describe.skip : describe;
const title = skipped ? `Ember vs real Cinder: SKIPPED, no oracle (${oracle.skip})` : 'Ember vs real Cinder (differential catalogue)';

suite(title, () => {
  let stack: RunningStack;
  let cinder: World;
  let ember: World;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    // Ember configured as the oracle is: unlimited quotas (shared/oracle/cinder.conf).
    stack = await startStack({ EMBER_QUOTA_SNAPSHOTS: '-1', EMBER_QUOTA_VOLUMES: '-1', EMBER_QUOTA_GIGABYTES: '-1' });
    cinder = new World(new OracleTarget((oracle as { url: string }).url), ids);
    ember = new World(new EmberTarget(stack.baseUrl), ids);
  });

  afterAll(async () => {
    if (outcomes.length > 0) {
      const failed = outcomes.filter((o) => o.diffs.length > 0).length;
      console.log(`[differential] ${outcomes.length - failed}/${outcomes.length} cases equivalent; report: ${writeReport(outcomes)}`);
    }
    await stack?.stop();
  });

  const side = (target: Target, answer: Side['answer']): Side => ({ answer, norm: normalizerFor(target, labels) });

  async function run(c: Case): Promise<Outcome> {
    const outcome: Outcome = { case: c, diffs: [] };
    const [cp, ep] = await Promise.all([cinder.prepare(c), ember.prepare(c)].map((p) => p.catch((e: Error) => e)));
    const failedFixture = [cp, ep].filter((p): p is Error => p instanceof Error);
    if (failedFixture.length > 0) return { ...outcome, diffs: failedFixture.map((e) => `fixture: ${e.message}`) };
    const { main: cm, then: ct } = cp as Awaited<ReturnType<World['prepare']>>;
    const { main: em, then: et } = ep as Awaited<ReturnType<World['prepare']>>;
    const [ca, ea] = await Promise.all([send(cinder.target.baseUrl, cm), send(ember.target.baseUrl, em)]);
    const cs = side(cinder.target, ca);
    const es = side(ember.target, ea);
    outcome.cinder = normalizedFault(cs);
    outcome.ember = normalizedFault(es);
    if (c.deviation) {
      outcome.diffs.push(...checkExpected('Cinder', cs, c.deviation.cinder), ...checkExpected('Ember', es, c.deviation.ember));
    } else {
      outcome.diffs.push(...compareAnswers(cs, es, c.compare));
    }
    if (ct && et) {
      const [cta, eta] = await Promise.all([send(cinder.target.baseUrl, ct), send(ember.target.baseUrl, et)]);
      const diffs = compareAnswers(side(cinder.target, cta), side(ember.target, eta), c.then!.compare);
      outcome.diffs.push(...diffs.map((d) => `then ${ct.method} ${c.then!.path}: ${d}`));
    }
    return outcome;
  }

  for (const group of [...new Set(CATALOGUE.map((c) => c.group))]) {
    describe(group, () => {
      for (const c of CATALOGUE.filter((x) => x.group === group)) {
        it(c.name, async () => {
          const outcome = await run(c).catch((e: Error): Outcome => ({ case: c, diffs: [`error: ${e.message}`] }));
          outcomes.push(outcome);
          if (outcome.diffs.length > 0) throw new Error(`Ember differs from Cinder:\n${describeOutcome(outcome)}`);
        });
      }
    });
  }
});

describe('differential catalogue', () => {
  it('lists every documented deviation in docs/compatibility.md', () => {
    const doc = readFileSync(new URL('../../docs/compatibility.md', import.meta.url), 'utf8');
    const missing = CATALOGUE.filter((c) => c.deviation && !doc.includes(c.name)).map((c) => c.name);
    expect(missing).toEqual([]);
  });
});
