import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_MARKER, unlinkIfExists } from './durable-fs.js';
import { StorageError, errnoCode } from './storage-error.js';

/**
 * Deletes the `*.tmp-*` files in `dir` (not recursive) left behind by interrupted copies or
 * allocations; call at startup. A missing `dir` counts as clean.
 * `olderThanMs` spares recent temp files, for when another process may be writing into `dir`.
 * Resolves with the paths removed.
 */
export async function removeStaleTempFiles(dir: string, opts: { olderThanMs?: number } = {}): Promise<string[]> {
  try {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return [];
      throw err;
    }
    const removed: string[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.includes(TEMP_MARKER)) continue;
      const path = join(dir, entry.name);
      if (opts.olderThanMs !== undefined && !(await isOlderThan(path, opts.olderThanMs))) continue;
      if (await unlinkIfExists(path)) removed.push(path);
    }
    return removed;
  } catch (err) {
    throw StorageError.from(err, `removing temp files in ${dir} failed`);
  }
}

async function isOlderThan(path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > ms;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw err;
  }
}

