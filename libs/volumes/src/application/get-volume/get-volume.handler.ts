import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { VolumeErrors } from '../../domain/volume.errors.js';
import { VolumeEntity } from '../../infrastructure/volume.entity.js';
import { GetVolumeQuery } from './get-volume.query.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@QueryHandler(GetVolumeQuery)
export class GetVolumeHandler implements IQueryHandler<GetVolumeQuery, VolumeEntity> {
  constructor(private readonly db: DataSource) {}

  async execute({ volumeId, actor }: GetVolumeQuery): Promise<VolumeEntity> {
    // Names and other non-uuids are simply not found (clients look names up this way).
    if (!UUID.test(volumeId)) throw VolumeErrors.notFound(volumeId);
    const row = await this.db.getRepository(VolumeEntity).findOneBy({
      id: volumeId.toLowerCase(),
      ...(actor.isAdmin ? {} : { projectId: actor.projectId }),
    });
    if (!row) throw VolumeErrors.notFound(volumeId);
    return row;
  }
}
