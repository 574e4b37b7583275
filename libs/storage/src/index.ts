export { allocateImage } from './allocate-image.js';
export { FileStorageBackend } from './file-storage-backend.js';
export { imageChecksum, type ImageChecksumResult } from './image-checksum.js';
export { CHECKSUM_CHUNK_SIZE, CHECKSUM_PREFIX, ImageHasher } from './image-hasher.js';
export type { ProgressCallback } from './progress-reporter.js';
export { removeStaleTempFiles } from './remove-stale-temp-files.js';
export { sparseCopy, type CopyResult, type SparseCopyOptions } from './sparse-copy.js';
export type { SnapshotOptions, StorageBackend } from './storage-backend.js';
export { StorageError, type StorageErrorCode } from './storage-error.js';
