import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, isStaleRead, microsNow, type AppendCondition, type NewEvent, type SqlExecutor } from '#ember/event-store';
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
 * COMMIT; and that write is group-committed with the other creates in flight (one transaction, one
 * round trip for all of them: {@link EventStore.grouped}). A stale memory, or any refusal decided from
 * memory, starts over from the stored state (two round trips, a transaction of its own).
 */
@CommandHandler(CreateSnapshotCommand)
export class CreateSnapshotHandler implements ICommandHandler<CreateSnapshotCommand, SnapshotEntity> {
  constructor(
    private readonly volumes: VolumeRepository,
    private readonly store: EventStore,
  ) {}

  async execute(command: CreateSnapshotCommand): Promise<SnapshotEntity> {
    const { volumeId } = command.input;
    const remembered = this.volumes.remembered(volumeId);
    if (remembered) {
      try {
        // Decided before joining a group: a refusal from memory costs the group nothing.
        const decided = this.decide(remembered, command);
        const condition = this.volumes.heldAt(remembered);
        return await this.store.grouped((tx) => this.write(tx, decided, condition));
      } catch (e) {
        // Stale, or refused on a remembered state: nothing was written, decide again on the stored one.
        // Anything else (a lost connection: maybe committed) is the caller's to see, never retried.
        if (!isStaleRead(e) && !(e instanceof DomainError)) throw e;
        if (isStaleRead(e)) this.volumes.forget(volumeId);
      }
    }
    return this.store.transaction(async (tx) => this.write(tx, this.decide(await this.volumes.loadShared(tx, volumeId), command)));
  }

  /** The new snapshot's events, decided on the volume's state (pure: nothing is read or written). */
  private decide(volume: VolumeState | null, { input, ctx, admit }: CreateSnapshotCommand): Decided {
    if (!volume || volume.deleted || (!ctx.actor.isAdmin && volume.projectId !== ctx.actor.projectId)) {
      throw VolumeErrors.notFound(input.volumeId);
    }
    const snapshotId = randomUUID();
    // The caller owns the snapshot, even an admin snapshotting another project's volume (as Cinder).
    const request = { ...input, ...admit?.(volume.projectId), snapshotId, projectId: ctx.actor.projectId, userId: ctx.actor.userId };
    return { snapshotId, events: stamp(Snapshot.request(volume, request, microsNow()), metadataFor(ctx, snapshotId)) };
  }

  /** Appends the decided events in `tx` (nothing waited for: they ride with COMMIT); safe to run again after a rollback. */
  private async write(tx: SqlExecutor, { snapshotId, events }: Decided, condition?: AppendCondition): Promise<SnapshotEntity> {
    const [requested] = await this.store.appendNewIn(tx, [{ streamId: snapshotStream(snapshotId), expectedVersion: 'no_stream', events }], condition);
    return snapshotRowOf(snapshotId, requested!.data as unknown as SnapshotRequested, requested!.streamVersion);
  }
}

interface Decided {
  snapshotId: string;
  events: NewEvent[];
}
