/** Stable machine-readable codes carried by {@link StorageError}. */
export type StorageErrorCode =
  /** The source image (e.g. the volume being snapshotted) does not exist. Permanent. */
  | 'STORAGE_SOURCE_MISSING'
  /** An image already exists at the target with a different size or type. Permanent. */
  | 'STORAGE_CONFLICT'
  /** A bad id, size or option was passed in. Permanent. */
  | 'STORAGE_INVALID_ARGUMENT'
  /** Data read back does not match the checksum recorded for it. Permanent. */
  | 'STORAGE_CHECKSUM_MISMATCH'
  /** Any other I/O failure (ENOSPC, EIO, EMFILE, EACCES, ...). Transient: retry with backoff. */
  | 'STORAGE_IO';

/**
 * The only error type storage operations reject with (besides the abort reason of a cancelled
 * operation). `permanent` tells the worker whether to fail the job or retry it with backoff.
 */
export class StorageError extends Error {
  /** Whether retrying the same operation can never succeed. */
  readonly permanent: boolean;
  /** The underlying errno code (`ENOSPC`, `EIO`, ...) when the error came from the OS. */
  readonly sysCode?: string;

  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options: { cause?: unknown; sysCode?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'StorageError';
    this.permanent = code !== 'STORAGE_IO';
    this.sysCode = options.sysCode ?? errnoCode(options.cause);
  }

  /**
   * Wraps an OS error (anything with an errno `code`) as a transient `STORAGE_IO` error.
   * StorageErrors, abort reasons and programming errors are returned unchanged.
   */
  static from(err: unknown, context: string): unknown {
    if (err instanceof StorageError) return err;
    const sysCode = errnoCode(err);
    if (sysCode === undefined) return err;
    return new StorageError('STORAGE_IO', `${context}: ${(err as Error).message}`, { cause: err, sysCode });
  }
}

/** The errno code of a Node system error (`ENOENT`, ...), if `err` is one. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, syscall } = err as { code?: unknown; syscall?: unknown };
  return typeof code === 'string' && (typeof syscall === 'string' || /^E[A-Z0-9]+$/.test(code)) ? code : undefined;
}
