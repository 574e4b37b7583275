import { Injectable } from '@nestjs/common';
import { EventStore, type AppendCondition, type SqlExecutor } from '#ember/event-store';
import { volumeStream } from '#ember/kernel';
import { foldVolume, type VolumeState } from '../domain/volume.aggregate.js';

/** How many volume states a process remembers (see {@link VolumeRepository.remembered}). */
const REMEMBERED = 10_000;

/** Loads volume aggregates from their event streams. */
@Injectable()
export class VolumeRepository {
  /** Recently loaded states, least recently used first. Never trusted without {@link heldAt}. */
  private readonly recent = new Map<string, VolumeState>();

  constructor(private readonly store: EventStore) {}

  /**
   * A state of the volume this process loaded before, if any: possibly stale, so a writer that decides
   * on it appends under {@link heldAt}, and starts over from {@link loadShared} if that fails.
   */
  remembered(volumeId: string): VolumeState | null {
    const state = this.recent.get(volumeId);
    if (!state) return null;
    this.recent.delete(volumeId);
    this.recent.set(volumeId, state);
    return state;
  }

  forget(volumeId: string): void {
    this.recent.delete(volumeId);
  }

  /**
   * The condition of an append decided on `state` (see {@link EventStore.appendNewIn}): it holds the
   * volume's read-model row FOR SHARE (as {@link loadShared}) and fails the statement, and the
   * transaction, with a stale read (`isStaleRead`) unless the row is still at `state.version`, the
   * version the state was folded to. Checked by the append's insert: no statement of its own.
   */
  heldAt(state: VolumeState): AppendCondition {
    return {
      name: 'volume_held_at',
      sql: (p) =>
        `ember_fresh((SELECT version FROM volumes WHERE id = $${p}::uuid FOR SHARE) IS NOT DISTINCT FROM $${p + 1}::int,
                     'volume ' || $${p}::text || ' is no longer at version ' || $${p + 1}::text)`,
      values: [state.id, state.version],
    };
  }

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
    if (status === null) return { ...state, deleted: true };
    // Remembered only as folded from the stream (the row's status may be ahead of the events read).
    if (status === state.status) this.remember(state);
    return { ...state, status };
  }

  private remember(state: VolumeState): void {
    this.recent.delete(state.id);
    this.recent.set(state.id, state);
    if (this.recent.size > REMEMBERED) this.recent.delete(this.recent.keys().next().value!);
  }
}
