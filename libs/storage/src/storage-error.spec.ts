import { describe, expect, it } from 'vitest';
import { StorageError } from './storage-error.js';

const sysError = (code: string) => Object.assign(new Error(`${code}: boom`), { code, syscall: 'write' });

describe('StorageError', () => {
  it('treats only STORAGE_IO as transient', () => {
    expect(new StorageError('STORAGE_IO', 'x').permanent).toBe(false);
    expect(new StorageError('STORAGE_SOURCE_MISSING', 'x').permanent).toBe(true);
    expect(new StorageError('STORAGE_CONFLICT', 'x').permanent).toBe(true);
    expect(new StorageError('STORAGE_INVALID_ARGUMENT', 'x').permanent).toBe(true);
  });

  it.each(['ENOSPC', 'EIO', 'EMFILE', 'ENOENT'])('wraps OS error %s as transient STORAGE_IO', (code) => {
    const cause = sysError(code);
    const err = StorageError.from(cause, 'copying');
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: 'STORAGE_IO', permanent: false, sysCode: code, cause });
    expect((err as Error).message).toContain('copying');
  });

  it('passes StorageErrors, aborts and programming errors through unchanged', () => {
    const storage = new StorageError('STORAGE_CONFLICT', 'x');
    const abort = new DOMException('stop', 'AbortError');
    const bug = new TypeError('undefined is not a function');
    const nodeArgError = Object.assign(new TypeError('bad arg'), { code: 'ERR_INVALID_ARG_TYPE' });
    expect(StorageError.from(storage, 'c')).toBe(storage);
    expect(StorageError.from(abort, 'c')).toBe(abort);
    expect(StorageError.from(bug, 'c')).toBe(bug);
    expect(StorageError.from(nodeArgError, 'c')).toBe(nodeArgError);
  });
});
