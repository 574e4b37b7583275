import type { FileHandle } from 'node:fs/promises';
import { StorageError } from './storage-error.js';

/** One chunk of a file: `data` is only valid until the next chunk is requested. */
export interface Chunk {
  data: Buffer;
  position: number;
}

/**
 * Reads the first `size` bytes of `fh` in order, in `chunkSize` pieces, with two reused buffers:
 * the read of the next chunk is already in flight while the caller processes the current one.
 * Rejects with a transient `STORAGE_IO` error if the file ends before `size`.
 */
export async function* readChunks(fh: FileHandle, size: number, chunkSize: number): AsyncGenerator<Chunk> {
  const buffers = [Buffer.allocUnsafe(Math.min(chunkSize, size)), Buffer.allocUnsafe(Math.min(chunkSize, size))];
  let position = 0;
  let current = 0;
  const readAt = (pos: number, buf: Buffer) => readFully(fh, buf, Math.min(chunkSize, size - pos), pos);
  let pending: Promise<number> | undefined = size > 0 ? readAt(0, buffers[0]) : undefined;
  try {
    while (pending) {
      const length = await pending;
      const chunk = { data: buffers[current].subarray(0, length), position };
      position += length;
      current ^= 1;
      // Safe to reuse the other buffer: the caller asked for this chunk, so it is done with that one.
      pending = position < size ? readAt(position, buffers[current]) : undefined;
      yield chunk;
    }
  } finally {
    // If the caller stopped early, let the in-flight read settle so it cannot reject unobserved.
    await pending?.catch(() => undefined);
  }
}

async function readFully(fh: FileHandle, buf: Buffer, length: number, position: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) {
      throw new StorageError('STORAGE_IO', `image shrank while being read: expected data at offset ${position + done}`);
    }
    done += bytesRead;
  }
  return length;
}
