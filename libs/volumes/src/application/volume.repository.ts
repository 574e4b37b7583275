import { Injectable } from '@nestjs/common';
import { EventStore, type SqlExecutor } from '#ember/event-store';
import { volumeStream } from '#ember/kernel';
import { foldVolume, type VolumeState } from '../domain/volume.aggregate.js';

/** Loads volume aggregates from their event streams. */
@Injectable()
export class VolumeRepository {
  constructor(private readonly store: EventStore) {}

  async load(volumeId: string): Promise<VolumeState | null> {
    return foldVolume(await this.store.readStream(volumeStream(volumeId)));
  }

  /**
   * Inside a transaction: the volume's state with its read-model row held FOR SHARE until COMMIT, in one
   * statement. The row lock orders this transaction with a volume delete or revert (FOR UPDATE) and with
   * every change of the volume (its projection updates the row). The status is the row's as it is once
   * the lock is held; the rest is folded from the stream. A volume without a row is gone.
   */
  async loadShared(tx: SqlExecutor, volumeId: string): Promise<VolumeState | null> {
    const { events, side } = await this.store.readStreamWith(tx, volumeStream(volumeId), {
      name: 'ember_volume_row_shared',
      sql: 'SELECT status FROM volumes WHERE id = $2 FOR SHARE',
      values: [volumeId],
    });
    const state = foldVolume(events);
    if (!state) return null;
    const status = (side?.status as string | undefined) ?? null;
    return status === null ? { ...state, deleted: true } : { ...state, status };
  }
}
