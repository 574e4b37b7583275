/**
 * Starts write-back of a file while it is still being written, so that the disk works during the copy
 * rather than all of it in the final fsync.
 *
 * Linux leaves a fresh copy's pages dirty in the page cache until memory pressure or age sends them
 * to disk (on a host with a lot of memory, not during a copy of a few GiB): the final fsync then
 * writes the whole file while the copy waits, and stalls every other writer of the disk, Postgres's
 * WAL included, for as long. Each time `every` bytes have been written since the last flush began,
 * the pacer calls `flush` (an fdatasync on the thread pool) without waiting for it; one flush at a
 * time. {@link settle} waits for the last one and reports a failed flush: an error of write-back is
 * the copy's error.
 */
export class WritebackPacer {
  private sinceFlush = 0;
  private inFlight: Promise<void> | null = null;
  private failure: { error: unknown } | null = null;

  /** `every`: bytes between flushes, a positive number; `Infinity` never flushes. */
  constructor(
    private readonly flush: () => Promise<void>,
    private readonly every: number,
  ) {
    if (!(every > 0)) throw new RangeError(`every must be positive, got ${every}`);
  }

  /** Counts `bytes` just written; starts a flush when `every` bytes are pending and none runs. */
  wrote(bytes: number): void {
    this.sinceFlush += bytes;
    if (this.inFlight || this.failure || this.sinceFlush < this.every) return;
    this.sinceFlush = 0;
    this.inFlight = this.flush().then(
      () => {
        this.inFlight = null;
      },
      (error: unknown) => {
        this.failure ??= { error };
        this.inFlight = null;
      },
    );
  }

  /** Waits for the flush in flight; rejects with the error of any flush that failed. */
  async settle(): Promise<void> {
    await this.inFlight;
    if (this.failure) throw this.failure.error;
  }
}
