import { describe, expect, it } from 'vitest';
import { ProgressReporter } from './progress-reporter.js';

describe('ProgressReporter', () => {
  it('reports at most once per interval and completion exactly once', () => {
    let now = 0;
    const calls: Array<[number, number]> = [];
    const p = new ProgressReporter((d, t) => calls.push([d, t]), 1000, 100, () => now);
    now = 50;
    p.update(10); // too soon
    now = 100;
    p.update(20);
    now = 150;
    p.update(30); // too soon
    now = 260;
    p.update(40);
    p.update(1000); // completion is left to finish()
    p.finish();
    expect(calls).toEqual([
      [20, 1000],
      [40, 1000],
      [1000, 1000],
    ]);
  });

  it('does nothing without a callback', () => {
    const p = new ProgressReporter(undefined, 10);
    expect(() => {
      p.update(5);
      p.finish();
    }).not.toThrow();
  });
});
