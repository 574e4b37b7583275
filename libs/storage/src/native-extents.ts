import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * The optional native addon (`libs/storage/native`, built by `npm install`'s postinstall) that
 * asks the filesystem where a file's data is (`lseek` SEEK_DATA/SEEK_HOLE) and copies ranges in
 * the kernel (`copy_file_range`), which Node cannot. Without it, holes are read like data and
 * copies go through buffers: same results, slower (see README, "Performance notes").
 */
interface Addon {
  dataExtents(fd: number, start: number, end: number): number[];
  copyRange(srcFd: number, dstFd: number, offset: number, length: number): Promise<number>;
}

/** Where the built addon is, relative to this file: as TypeScript source, then compiled into dist/. */
const CANDIDATES = [
  '../native/build/Release/ember_extents.node', // libs/storage/src/native-extents.ts
  '../../../../libs/storage/native/build/Release/ember_extents.node', // dist/libs/storage/src/native-extents.js
];

let addon: Addon | null | undefined;

function load(): Addon | null {
  if (addon !== undefined) return addon;
  addon = null;
  const require = createRequire(import.meta.url);
  for (const candidate of CANDIDATES) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (!existsSync(path)) continue;
    try {
      addon = require(path) as Addon;
    } catch {
      // Built for another platform or architecture: reading holes is the (slower) fallback.
    }
    break;
  }
  return addon;
}

/** Whether the addon is built and loads, i.e. whether {@link dataExtents} and {@link copyRange} work. */
export function nativeExtentsAvailable(): boolean {
  return load() !== null;
}

const errnoNames = new Map(Object.entries(constants.errno).map(([name, value]) => [value, name]));

/**
 * The `[start, end)` byte ranges of the open file `fd` between `start` and `end` that hold data,
 * in order and clipped to `[start, end)`; everything else is a hole and reads as zeros. `null`
 * when the addon is unavailable: then the caller must read everything.
 *
 * On a filesystem that cannot tell (no SEEK_DATA support) the answer is `[[start, end]]`. An
 * allocated but unwritten extent may count as data (it reads as zeros, which is still right).
 * The answer describes the file at the time of the call: the caller keeps it from being written
 * meanwhile. Moves the fd's file offset, which positional reads and writes do not use.
 * Throws a Node-style system error (`code`, `errno`, `syscall`) for errors such as EBADF or EIO.
 */
export function dataExtents(fd: number, start: number, end: number): Array<[number, number]> | null {
  const native = load();
  if (!native) return null;
  let flat: number[];
  try {
    flat = native.dataExtents(fd, start, end);
  } catch (err) {
    throw withCode(err);
  }
  const extents: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 2) extents.push([flat[i], flat[i + 1]]);
  return extents;
}

/** Errors of {@link copyRange} that mean "not here" (another filesystem, no support): write the bytes instead. */
const COPY_UNSUPPORTED = new Set(['EXDEV', 'EOPNOTSUPP', 'ENOTSUP', 'ENOSYS', 'EINVAL']);

/**
 * Copies `[offset, offset + length)` of the open file `srcFd` to the same offset of `dstFd` in
 * the kernel (`copy_file_range`, on a libuv thread), then starts writing the range back to disk
 * so that a later fsync has less to wait for. Resolves with the bytes copied, fewer than `length`
 * only if the source ends early. `null` when the addon is unavailable.
 * Rejects with a Node-style system error; see {@link isCopyUnsupported}.
 */
export function copyRange(srcFd: number, dstFd: number, offset: number, length: number): Promise<number> | null {
  const native = load();
  if (!native) return null;
  return native.copyRange(srcFd, dstFd, offset, length).catch((err: unknown) => Promise.reject(withCode(err)));
}

/** Whether a {@link copyRange} error only means that the kernel cannot copy these files: write the bytes instead. */
export function isCopyUnsupported(err: unknown): boolean {
  return COPY_UNSUPPORTED.has(String((err as { code?: unknown } | null)?.code));
}

/** Adds Node's `code` (`EIO`, ...) to an addon error, which carries the positive `errno`. */
function withCode(err: unknown): unknown {
  const e = err as { errno?: unknown; code?: unknown } | null;
  if (e && typeof e.errno === 'number' && e.code === undefined) e.code = errnoNames.get(e.errno) ?? 'EIO';
  return err;
}
