export { evolveSnapshot, foldSnapshot, Snapshot, type RequestSnapshot, type SnapshotState } from './domain/snapshot.aggregate.js';
export { SnapshotErrors } from './domain/snapshot.errors.js';
export * from './domain/snapshot.events.js';
export { SnapshotRepository } from './application/snapshot.repository.js';
export { CreateSnapshotCommand, type CreateSnapshotInput } from './application/create-snapshot/create-snapshot.command.js';
export { GetSnapshotQuery } from './application/get-snapshot/get-snapshot.query.js';
export { ListSnapshotsQuery, type SnapshotPage } from './application/list-snapshots/list-snapshots.query.js';
export { UpdateSnapshotCommand } from './application/update-snapshot/update-snapshot.command.js';
export {
  DeleteSnapshotMetadataKeyCommand,
  WriteSnapshotMetadataCommand,
  type MetadataWrite,
} from './application/snapshot-metadata/snapshot-metadata.commands.js';
export { ResetSnapshotStatusCommand, UpdateSnapshotStatusCommand } from './application/snapshot-status/snapshot-status.commands.js';
export { DeleteSnapshotCommand } from './application/delete-snapshot/delete-snapshot.command.js';
export { SnapshotEntity } from './infrastructure/snapshot.entity.js';
export { SnapshotProjection } from './infrastructure/snapshot.projection.js';
export { SnapshotReadModel1764000000200 } from './migrations/1764000000200-snapshot-read-model.js';
export { SnapshotListIndexes1764000000410 } from './migrations/1764000000410-snapshot-list-indexes.js';
export { SnapshotsModule } from './snapshots.module.js';
export { RevertVolumeCommand } from './application/revert-volume/revert-volume.command.js';
