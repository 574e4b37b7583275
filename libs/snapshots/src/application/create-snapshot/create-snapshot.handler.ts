import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, isStaleRead, microsNow, type AppendCondition, type SqlExecutor } from '#ember/event-store';
import { DomainError, metadataFor, snapshotStream, stamp } from '#ember/kernel';
import { VolumeErrors, VolumeRepository, type VolumeState } from '#ember/volumes';
import { Snapshot } from '../../domain/snapshot.aggregate.js';
import type { SnapshotRequested } from '../../domain/snapshot.events.js';
import { snapshotRowOf } from '../../infrastructure/snapshot.projection.js';
import type { SnapshotEntity } from '../../infrastructure/snapshot.entity.js';
import { CreateSnapshotCommand } from './create-snapshot.command.js';

/**
 * Creates a snapshot of a volume (or, with `manageRef`, adopts existing backend data as one), in one
 * transaction: the volume's state with its row held FOR SHARE, the decision, the event (a new stream,
 * one statement), its guards and projections. Answers the new snapshot's read-model row as the
 * projection wrote it, so the API needs no read after the write.
 *
 * A volume this process loaded before is decided on from memory, its row checked to be still at that
 * version by the event's insert itself, in the same batch as the quota check, the projections and
 * COMMIT (one round trip in all); a stale
 * memory, or any refusal decided from memory, starts over from the stored state (two more).
 */
@CommandHandler(CreateSnapshotCommand)
export class CreateSnapshotHandler implements ICommandHandler<CreateSnapshotCommand, SnapshotEntity> {
  constructor(
    private readonly volumes: VolumeRepository,
    private readonly store: EventStore,
  ) {}

  async execute(command: CreateSnapshotCommand): Promise<SnapshotEntity> {
    const remembered = this.volumes.remembered(command.input.volumeId);
    if (remembered) {
      try {
        return await this.store.transaction(async (tx) => this.create(tx, remembered, command, this.volumes.heldAt(remembered)));
      } catch (e) {
        // Stale, or refused on a remembered state: nothing was written, decide again on the stored one.
        // Anything else (a lost connection: maybe committed) is the caller's to see, never retried.
        if (!isStaleRead(e) && !(e instanceof DomainError)) throw e;
        if (isStaleRead(e)) this.volumes.forget(command.input.volumeId);
      }
    }
    return this.store.transaction(async (tx) => this.create(tx, await this.volumes.loadShared(tx, command.input.volumeId), command));
  }

  private async create(
    tx: SqlExecutor,
    volume: VolumeState | null,
    { input, ctx, admit }: CreateSnapshotCommand,
    condition?: AppendCondition,
  ): Promise<SnapshotEntity> {
    if (!volume || volume.deleted || (!ctx.actor.isAdmin && volume.projectId !== ctx.actor.projectId)) {
      throw VolumeErrors.notFound(input.volumeId);
    }
    const snapshotId = randomUUID();
    // The caller owns the snapshot, even an admin snapshotting another project's volume (as Cinder).
    const request = { ...input, ...admit?.(volume.projectId), snapshotId, projectId: ctx.actor.projectId, userId: ctx.actor.userId };
    const decided = stamp(Snapshot.request(volume, request, microsNow()), metadataFor(ctx, snapshotId));
    const [requested] = await this.store.appendNewIn(tx, [{ streamId: snapshotStream(snapshotId), expectedVersion: 'no_stream', events: decided }], condition);
    return snapshotRowOf(snapshotId, requested!.data as unknown as SnapshotRequested, requested!.streamVersion);
  }
}
