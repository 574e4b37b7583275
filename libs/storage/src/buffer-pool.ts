/**
 * Large buffers kept for reuse instead of being given back to the allocator: a worker copies
 * snapshot after snapshot, each through the same few 4 MiB read buffers. A fresh 4 MiB buffer
 * per copy costs page faults (the kernel zeroes every page touched) and, as external memory,
 * drives V8 into full collections; at a few hundred snapshots a second that was most of a
 * worker's CPU.
 *
 * Holds at most `maxBytes` of idle buffers; a buffer given back beyond that is dropped (left to
 * the GC). Contents are not cleared: like `Buffer.allocUnsafe`, a buffer taken holds old bytes,
 * and the caller must only use what it writes into it.
 */
export class BufferPool {
  private readonly idle = new Map<number, Buffer[]>();
  private idleBytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** A buffer of exactly `length` bytes, idle since it was given back, else new. */
  take(length: number): Buffer {
    const buf = this.idle.get(length)?.pop();
    if (!buf) return Buffer.allocUnsafeSlow(length);
    this.idleBytes -= length;
    return buf;
  }

  /** Returns a buffer from {@link take}; the caller must not use it (or views of it) afterwards. */
  give(buf: Buffer): void {
    if (this.idleBytes + buf.length > this.maxBytes) return;
    let list = this.idle.get(buf.length);
    if (!list) this.idle.set(buf.length, (list = []));
    list.push(buf);
    this.idleBytes += buf.length;
  }

  /** Bytes held idle (for tests and diagnostics). */
  get idleSize(): number {
    return this.idleBytes;
  }
}

/**
 * The read buffers of {@link readChunks}, shared by every copy in the process: two per copy in
 * flight, so 64 MiB keeps those of eight concurrent copies of 4 MiB chunks.
 */
export const readBuffers = new BufferPool(64 * 1024 * 1024);
