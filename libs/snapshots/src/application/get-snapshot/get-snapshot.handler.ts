import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { SnapshotErrors } from '../../domain/snapshot.errors.js';
import { SnapshotEntity } from '../../infrastructure/snapshot.entity.js';
import { GetSnapshotQuery } from './get-snapshot.query.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@QueryHandler(GetSnapshotQuery)
export class GetSnapshotHandler implements IQueryHandler<GetSnapshotQuery, SnapshotEntity> {
  constructor(private readonly db: DataSource) {}

  async execute({ snapshotId, actor }: GetSnapshotQuery): Promise<SnapshotEntity> {
    // Names and other non-uuids are simply not found: openstacksdk and the CLIs look names up this way.
    if (!UUID.test(snapshotId)) throw SnapshotErrors.notFound(snapshotId);
    const row = await this.db.getRepository(SnapshotEntity).findOneBy({
      id: snapshotId.toLowerCase(),
      ...(actor.isAdmin ? {} : { projectId: actor.projectId }),
    });
    if (!row) throw SnapshotErrors.notFound(snapshotId);
    return row;
  }
}
