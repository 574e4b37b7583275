// Helpers for this library's tests only; not part of the public API.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

/** A fresh directory under os.tmpdir(); `cleanup` removes it. */
export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ember-storage-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes a sparse file of `size` bytes holding `extents` and nothing else. */
export async function writeSparseFile(path: string, size: number, extents: Array<{ offset: number; data: Buffer }>): Promise<void> {
  const fh = await open(path, 'w');
  try {
    for (const { offset, data } of extents) await fh.write(data, 0, data.length, offset);
    await fh.truncate(size);
  } finally {
    await fh.close();
  }
}

/** Bytes the file occupies on disk. */
export async function allocatedBytes(path: string): Promise<number> {
  return (await stat(path)).blocks * 512;
}

/**
 * Ember's checksum computed straight from its definition, independently of the library:
 * SHA-256 of every 4 MiB chunk (last may be shorter), then SHA-256 of the concatenated digests.
 */
export function referenceChecksum(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4 * MiB);
    const digests: Buffer[] = [];
    for (;;) {
      let n = 0;
      while (n < buf.length) {
        const r = readSync(fd, buf, n, buf.length - n, null);
        if (r === 0) break;
        n += r;
      }
      if (n === 0) break;
      digests.push(createHash('sha256').update(buf.subarray(0, n)).digest());
      if (n < buf.length) break;
    }
    return 'sha256-4m:' + createHash('sha256').update(Buffer.concat(digests)).digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** Offset of the first byte where the two files differ (or where one ends), or -1 if identical. */
export function firstDifference(a: string, b: string): number {
  const fa = openSync(a, 'r');
  const fb = openSync(b, 'r');
  try {
    const ba = Buffer.alloc(8 * MiB);
    const bb = Buffer.alloc(8 * MiB);
    for (let pos = 0; ; ) {
      const na = readSync(fa, ba, 0, ba.length, pos);
      const nb = readSync(fb, bb, 0, bb.length, pos);
      const n = Math.min(na, nb);
      if (!ba.subarray(0, n).equals(bb.subarray(0, n))) {
        for (let i = 0; i < n; i++) if (ba[i] !== bb[i]) return pos + i;
      }
      if (na !== nb) return pos + n;
      if (na === 0) return -1;
      pos += na;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}
