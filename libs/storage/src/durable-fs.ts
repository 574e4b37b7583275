import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, rm, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errnoCode } from './storage-error.js';

/** Marker in temp file names; {@link removeStaleTempFiles} deletes files containing it. */
export const TEMP_MARKER = '.tmp-';

/** A fresh temp path next to `path`: `<path>.tmp-<random>`. */
export function tempPathFor(path: string): string {
  return `${path}${TEMP_MARKER}${randomBytes(6).toString('hex')}`;
}

/** fsync a directory so that entries created, renamed or removed in it survive a crash. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } catch (err) {
    // Some filesystems cannot fsync directories; there is nothing stronger to fall back on.
    if (errnoCode(err) !== 'EINVAL') throw err;
  } finally {
    await fh.close();
  }
}

/** `mkdir -p` that also fsyncs the parents of every directory it had to create. */
export async function ensureDir(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  for (let d = dir; ; d = dirname(d)) {
    await fsyncDir(dirname(d));
    if (d === first || dirname(d) === d) break;
  }
}

/**
 * Creates `path` crash-safely: `write` fills a temp file next to it, which is then fsynced and
 * moved into place, and the directory is fsynced. A crash leaves at most a temp file behind;
 * any failure removes it.
 *
 * With `replace: false` an existing `path` is never overwritten: the temp file is hard-linked
 * into place and the call rejects with the link's `EEXIST` error if `path` already exists.
 */
export async function writeFileDurably<T>(
  path: string,
  write: (fh: FileHandle) => Promise<T>,
  opts: { replace: boolean; mode?: number },
): Promise<T> {
  const tmp = tempPathFor(path);
  const fh = await open(tmp, 'wx', opts.mode ?? 0o600);
  let result: T;
  try {
    try {
      result = await write(fh);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (opts.replace) {
      await rename(tmp, path);
    } else {
      await link(tmp, path);
      await unlink(tmp);
    }
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(dirname(path));
  return result;
}

/** Unlinks `path`; resolves false if it was already gone. */
export async function unlinkIfExists(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw err;
  }
}
