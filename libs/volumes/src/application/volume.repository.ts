import { Injectable } from '@nestjs/common';
import { EventStore } from '#ember/event-store';
import { volumeStream } from '#ember/kernel';
import { foldVolume, type VolumeState } from '../domain/volume.aggregate.js';

/** Loads volume aggregates from their event streams. */
@Injectable()
export class VolumeRepository {
  constructor(private readonly store: EventStore) {}

  async load(volumeId: string): Promise<VolumeState | null> {
    return foldVolume(await this.store.readStream(volumeStream(volumeId)));
  }
}
