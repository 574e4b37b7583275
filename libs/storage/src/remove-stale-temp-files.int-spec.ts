import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleTempFiles } from './remove-stale-temp-files.js';
import { makeTempDir } from './testing/image-fixtures.js';

describe('removeStaleTempFiles', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());

  it('removes *.tmp-* files only', async () => {
    for (const name of ['a.img', 'a.img.tmp-0123abcd', 'b.img.tmp-ff', 'notes.txt']) await writeFile(join(dir, name), 'x');
    await mkdir(join(dir, 'dir.tmp-1'));
    const removed = await removeStaleTempFiles(dir);
    expect(removed.sort()).toEqual([join(dir, 'a.img.tmp-0123abcd'), join(dir, 'b.img.tmp-ff')]);
    expect((await readdir(dir)).sort()).toEqual(['a.img', 'dir.tmp-1', 'notes.txt']);
  });

  it('spares temp files younger than olderThanMs', async () => {
    const old = join(dir, 'old.img.tmp-1');
    const fresh = join(dir, 'fresh.img.tmp-2');
    await writeFile(old, 'x');
    await writeFile(fresh, 'x');
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(old, hourAgo, hourAgo);
    expect(await removeStaleTempFiles(dir, { olderThanMs: 60_000 })).toEqual([old]);
    expect(await readdir(dir)).toEqual(['fresh.img.tmp-2']);
  });

  it('treats a missing directory as clean', async () => {
    expect(await removeStaleTempFiles(join(dir, 'nope'))).toEqual([]);
  });
});
