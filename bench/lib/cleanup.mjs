// Everything the bench starts or creates registers its undo here; run() drains it in reverse order
// on success, on failure and on SIGINT/SIGTERM/SIGHUP, exactly once.
import { log } from './util.mjs';

const steps = [];
let draining = null;

/** Registers an async undo step; returns a function that runs it early (and unregisters it). */
export function onCleanup(label, fn) {
  const step = { label, fn, done: false };
  steps.push(step);
  return async () => {
    if (step.done) return;
    step.done = true;
    await fn();
  };
}

export function cleanupAll() {
  draining ??= (async () => {
    for (const step of steps.reverse()) {
      if (step.done) continue;
      step.done = true;
      try {
        await step.fn();
      } catch (e) {
        log(`cleanup '${step.label}' failed: ${e?.message ?? e}`);
      }
    }
  })();
  return draining;
}

export function installSignalHandlers() {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      log(`${sig}: stopping everything the bench started`);
      const hard = setTimeout(() => process.exit(130), 60_000);
      hard.unref();
      cleanupAll().finally(() => process.exit(130));
    });
  }
}
