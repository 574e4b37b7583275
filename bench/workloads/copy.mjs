// Ember's snapshot copy (sparseCopy from dist/, the code the worker runs: read, sha256 checksum,
// copy_file_range of the data runs, holes skipped with SEEK_DATA, temp file + fsync + rename + dir fsync)
// against `cp --sparse=always` followed by `sync <dst>` (an fsync of the copy), on the same filesystem.
import { randomFillSync } from 'node:crypto';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { onCleanup } from '../lib/cleanup.mjs';
import { log, median, ROOT, runOk } from '../lib/util.mjs';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

async function writeImage(path, size, extents) {
  const fh = await open(path, 'w');
  try {
    await fh.truncate(size);
    const buf = Buffer.allocUnsafe(16 * MiB);
    for (const [offset, length] of extents) {
      for (let done = 0; done < length; ) {
        const n = Math.min(buf.length, length - done);
        randomFillSync(buf, 0, n);
        await fh.write(buf, 0, n, offset + done);
        done += n;
      }
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
}

const allocated = async (p) => (await stat(p)).blocks * 512;

export async function copyBench({ reps = 3, dir: baseDir = tmpdir() } = {}) {
  const { sparseCopy, nativeExtentsAvailable } = await import(pathToFileURL(join(ROOT, 'dist/libs/storage/src/index.js')).href);
  const dir = await mkdtemp(join(baseDir, 'ember-bench-copy-'));
  const removeDir = onCleanup('remove copy files', () => rm(dir, { recursive: true, force: true }));
  try {
    const dense = join(dir, 'dense.img');
    const sparse = join(dir, 'sparse.img');
    log('copy: writing a dense 1 GiB image and a 1 GiB image holding 64 MiB (8 × 8 MiB extents)');
    await writeImage(dense, GiB, [[0, GiB]]);
    await writeImage(sparse, GiB, Array.from({ length: 8 }, (_, i) => [i * 128 * MiB + 3 * MiB, 8 * MiB]));
    // Warm the page cache for both sources, so neither tool pays the first read.
    await runOk('sh', ['-c', 'cat "$1" "$2" > /dev/null', 'sh', dense, sparse]);
    // The worker is a long-running process: the native addon is loaded and the JIT warm when a
    // snapshot comes. One untimed copy does the same here (the first one measured paid
    // up to 1 s more than the others, 2026-11-27).
    const warmUp = join(dir, 'warm-up.img');
    await sparseCopy(sparse, warmUp);
    await rm(warmUp, { force: true });
    const out = {};
    for (const [name, src] of [['dense', dense], ['sparse', sparse]]) {
      const emberMs = [];
      const cpMs = [];
      let emberAlloc = 0;
      let cpAlloc = 0;
      for (let r = 0; r < reps; r++) {
        // alternate who goes first
        const order = r % 2 === 0 ? ['ember', 'cp'] : ['cp', 'ember'];
        for (const who of order) {
          const dst = join(dir, `${name}.${who}.${r}.img`);
          if (who === 'ember') {
            const t = performance.now();
            await sparseCopy(src, dst);
            emberMs.push(performance.now() - t);
            emberAlloc = await allocated(dst);
          } else {
            const res = await runOk('sh', ['-c', 'cp --sparse=always "$1" "$2" && sync "$2"', 'sh', src, dst]);
            cpMs.push(res.ms);
            cpAlloc = await allocated(dst);
          }
          await rm(dst, { force: true });
        }
      }
      const srcAlloc = await allocated(src);
      const e = median(emberMs);
      const c = median(cpMs);
      out[name] = {
        emberMs: e,
        cpMs: c,
        ratio: e / c,
        emberRunsMs: emberMs.map(Math.round),
        cpRunsMs: cpMs.map(Math.round),
        emberMiBps: GiB / MiB / (e / 1000),
        sourceAllocatedBytes: srcAlloc,
        emberAllocatedBytes: emberAlloc,
        cpAllocatedBytes: cpAlloc,
        holesKept: emberAlloc <= srcAlloc + MiB,
      };
      log(`copy ${name}: ember ${e.toFixed(0)} ms, cp ${c.toFixed(0)} ms, allocated src ${srcAlloc / MiB} MiB ember ${emberAlloc / MiB} MiB cp ${cpAlloc / MiB} MiB`);
    }
    out.native = nativeExtentsAvailable();
    return out;
  } finally {
    await removeDir();
  }
}
