/** Receives `(doneBytes, totalBytes)` as a long operation advances. */
export type ProgressCallback = (done: number, total: number) => void;

/**
 * Rate-limits progress callbacks: at most one per `intervalMs` while running, and exactly one
 * `(total, total)` from {@link ProgressReporter.finish}.
 */
export class ProgressReporter {
  private last: number;

  constructor(
    private readonly callback: ProgressCallback | undefined,
    private readonly total: number,
    private readonly intervalMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.last = now();
  }

  /** Reports `done` bytes if the interval has elapsed since the previous report. */
  update(done: number): void {
    // Completion is reported by finish() alone, so `(total, total)` arrives exactly once.
    if (!this.callback || done >= this.total) return;
    const t = this.now();
    if (t - this.last < this.intervalMs) return;
    this.last = t;
    this.callback(done, this.total);
  }

  /** Reports completion. */
  finish(): void {
    this.callback?.(this.total, this.total);
  }
}
