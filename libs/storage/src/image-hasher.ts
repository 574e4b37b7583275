import { createHash, type Hash } from 'node:crypto';
import { zeroBytes } from './zero-bytes.js';

/** Ember's checksum chunk: fixed, never derived from copy options. */
export const CHECKSUM_CHUNK_SIZE = 4 * 1024 * 1024;

/** Prefix of every Ember image checksum; names the algorithm so it can evolve. */
export const CHECKSUM_PREFIX = 'sha256-4m:';

const zeroDigests = new Map<number, Buffer>();

/** SHA-256 of `length` zero bytes, computed once per length. */
function zeroChunkDigest(length: number): Buffer {
  let digest = zeroDigests.get(length);
  if (!digest) {
    digest = createHash('sha256').update(zeroBytes(length)).digest();
    zeroDigests.set(length, digest);
  }
  return digest;
}

/**
 * Incremental computation of Ember's image checksum, `sha256-4m:<hex>`:
 * the image is cut into 4 MiB chunks (the last may be shorter), each chunk is hashed with
 * SHA-256, and the checksum is the SHA-256 of the concatenated 32-byte chunk digests.
 * A 0-byte image hashes zero digests, i.e. its checksum is SHA-256 of the empty string.
 *
 * Feed the image in order, in pieces of any size. Chunks that are entirely zero use a cached
 * digest, so holes cost no hashing.
 */
export class ImageHasher {
  private readonly outer = createHash('sha256');
  /** Hash of the current chunk; undefined while the chunk has been all zeros so far. */
  private chunk: Hash | undefined;
  private filled = 0;
  private total = 0;
  private done = false;

  /** Bytes fed so far. */
  get bytes(): number {
    return this.total;
  }

  /**
   * Feeds the next `piece` of the image. Pass `isZero` when the caller already knows whether
   * the piece is all zeros (it skips a compare); leave it undefined to have it detected.
   */
  update(piece: Buffer, isZero?: boolean): this {
    this.assertOpen();
    let offset = 0;
    while (offset < piece.length) {
      const n = Math.min(piece.length - offset, CHECKSUM_CHUNK_SIZE - this.filled);
      const part = piece.subarray(offset, offset + n);
      if (isZero ?? part.equals(zeroBytes(n))) this.zeros(n);
      else this.data(part);
      offset += n;
    }
    return this;
  }

  /** Feeds `length` zero bytes (a hole) without materialising them. */
  updateZeros(length: number): this {
    this.assertOpen();
    let left = length;
    while (left > 0) {
      const n = Math.min(left, CHECKSUM_CHUNK_SIZE - this.filled);
      this.zeros(n);
      left -= n;
    }
    return this;
  }

  /** Finishes and returns `sha256-4m:<hex>`. The hasher cannot be used afterwards. */
  digest(): string {
    this.assertOpen();
    this.done = true;
    if (this.filled > 0) this.endChunk();
    return CHECKSUM_PREFIX + this.outer.digest('hex');
  }

  /** `n` zero bytes that fit in the current chunk. */
  private zeros(n: number): void {
    this.chunk?.update(zeroBytes(n));
    this.advance(n);
  }

  /** Non-zero data that fits in the current chunk. */
  private data(part: Buffer): void {
    // The chunk's leading zeros were skipped while it looked like a hole; hash them now.
    this.chunk ??= createHash('sha256').update(zeroBytes(this.filled));
    this.chunk.update(part);
    this.advance(part.length);
  }

  private advance(n: number): void {
    this.filled += n;
    this.total += n;
    if (this.filled === CHECKSUM_CHUNK_SIZE) this.endChunk();
  }

  private assertOpen(): void {
    if (this.done) throw new Error('ImageHasher used after digest()');
  }

  private endChunk(): void {
    this.outer.update(this.chunk ? this.chunk.digest() : zeroChunkDigest(this.filled));
    this.chunk = undefined;
    this.filled = 0;
  }
}
