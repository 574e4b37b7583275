export { DomainError, type DomainErrorKind } from './domain-error.js';
export { cinderTime } from './timestamps.js';
export { snapshotStream, volumeStream } from './stream-ids.js';
export type { Actor, CommandContext, RequestInfo } from './actor.js';
export { stamp, metadataFor } from './stamp.js';
export { instanceId } from './instance.js';
