import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { buildListSql } from '#ember/cinder';
import { VolumeErrors } from '../../domain/volume.errors.js';
import { VolumeEntity } from '../../infrastructure/volume.entity.js';
import { ListVolumesQuery, type VolumePage } from './list-volumes.query.js';
import { VOLUME_LIST_SOURCE } from './volume-list.source.js';

/** One statement per page: rows, marker check and count together (see `buildListSql`). */
@QueryHandler(ListVolumesQuery)
export class ListVolumesHandler implements IQueryHandler<ListVolumesQuery, VolumePage> {
  constructor(private readonly db: DataSource) {}

  async execute({ request, actor }: ListVolumesQuery): Promise<VolumePage> {
    if (request.matchesNothing) return { rows: [], total: request.withCount ? 0 : null };
    // A non-admin's marker must be one of their volumes (Cinder's elevated lookup would find any).
    const sql = buildListSql(request, VOLUME_LIST_SOURCE, actor.isAdmin ? null : actor.projectId);
    const result: Array<Record<string, unknown>> = await this.db.query(sql.text, sql.values);
    const first = result[0]!;
    if (request.marker && !first.marker_found) throw VolumeErrors.notFound(request.marker.given);
    return { rows: result.filter((r) => r.id !== null).map(toEntity), total: first.total as number | null };
  }
}

function toEntity(r: Record<string, unknown>): VolumeEntity {
  return Object.assign(new VolumeEntity(), {
    id: r.id,
    projectId: r.project_id,
    userId: r.user_id,
    name: r.name,
    description: r.description,
    status: r.status,
    attachStatus: r.attach_status,
    size: r.size,
    metadata: r.metadata,
    availabilityZone: r.availability_zone,
    volumeType: r.volume_type,
    snapshotId: r.snapshot_id,
    sourceVolid: r.source_volid,
    attachments: r.attachments,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  });
}
