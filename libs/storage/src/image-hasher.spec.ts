import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHECKSUM_CHUNK_SIZE, ImageHasher } from './image-hasher.js';

const MiB = 1024 * 1024;

/** The checksum definition applied to an in-memory image. */
function reference(image: Buffer): string {
  const digests: Buffer[] = [];
  for (let off = 0; off < image.length; off += 4 * MiB) {
    digests.push(createHash('sha256').update(image.subarray(off, off + 4 * MiB)).digest());
  }
  return 'sha256-4m:' + createHash('sha256').update(Buffer.concat(digests)).digest('hex');
}

/** 2 full chunks + a short one: data chunk, zero chunk, then zeros followed by data in the tail. */
function sampleImage(): Buffer {
  const image = Buffer.alloc(2 * CHECKSUM_CHUNK_SIZE + 3 * MiB + 123);
  randomBytes(CHECKSUM_CHUNK_SIZE).copy(image, 0);
  randomBytes(1000).copy(image, 2 * CHECKSUM_CHUNK_SIZE + MiB);
  return image;
}

function feed(hasher: ImageHasher, image: Buffer, pieceSize: number): string {
  for (let off = 0; off < image.length; off += pieceSize) hasher.update(image.subarray(off, off + pieceSize));
  return hasher.digest();
}

describe('ImageHasher', () => {
  it('uses 4 MiB chunks', () => {
    expect(CHECKSUM_CHUNK_SIZE).toBe(4 * MiB);
  });

  it.each([CHECKSUM_CHUNK_SIZE, 64 * 1024, MiB + 7, 3 * CHECKSUM_CHUNK_SIZE])(
    'matches the definition whatever the piece size (%i)',
    (pieceSize) => {
      const image = sampleImage();
      expect(feed(new ImageHasher(), image, pieceSize)).toBe(reference(image));
    },
  );

  it('hashes a chunk whose leading zeros arrived before its data', () => {
    const image = Buffer.alloc(CHECKSUM_CHUNK_SIZE);
    image[CHECKSUM_CHUNK_SIZE - 1] = 1;
    const hasher = new ImageHasher().updateZeros(MiB).update(image.subarray(MiB, 2 * MiB), true);
    hasher.update(image.subarray(2 * MiB));
    expect(hasher.digest()).toBe(reference(image));
  });

  it('gives zero regions the same digest whether fed as bytes, flagged or skipped', () => {
    const size = 2 * CHECKSUM_CHUNK_SIZE + 5;
    const zeros = Buffer.alloc(size);
    const expected = reference(zeros);
    expect(new ImageHasher().update(zeros).digest()).toBe(expected);
    expect(new ImageHasher().update(zeros, true).digest()).toBe(expected);
    expect(new ImageHasher().updateZeros(size).digest()).toBe(expected);
  });

  it('distinguishes images that differ only in their length of trailing zeros', () => {
    expect(new ImageHasher().updateZeros(MiB).digest()).not.toBe(new ImageHasher().updateZeros(MiB + 1).digest());
  });

  it('defines the empty image as SHA-256 of no digests', () => {
    const hasher = new ImageHasher();
    expect(hasher.digest()).toBe('sha256-4m:' + createHash('sha256').digest('hex'));
    expect(hasher.bytes).toBe(0);
  });

  it('counts bytes and refuses use after digest', () => {
    const hasher = new ImageHasher().update(Buffer.alloc(10, 1)).updateZeros(5);
    expect(hasher.bytes).toBe(15);
    hasher.digest();
    expect(() => hasher.update(Buffer.alloc(1))).toThrow();
    expect(() => hasher.digest()).toThrow();
  });
});
