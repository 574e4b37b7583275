import { Injectable } from '@nestjs/common';
import { EventStore } from '#ember/event-store';
import { snapshotStream } from '#ember/kernel';
import { foldSnapshot, type SnapshotState } from '../domain/snapshot.aggregate.js';

/** Loads snapshot aggregates from their event streams. */
@Injectable()
export class SnapshotRepository {
  constructor(private readonly store: EventStore) {}

  async load(snapshotId: string): Promise<SnapshotState | null> {
    return foldSnapshot(await this.store.readStream(snapshotStream(snapshotId)));
  }
}
