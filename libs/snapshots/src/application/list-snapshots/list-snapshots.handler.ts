import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { buildListSql } from '#ember/cinder';
import { SnapshotErrors } from '../../domain/snapshot.errors.js';
import { SnapshotEntity } from '../../infrastructure/snapshot.entity.js';
import { ListSnapshotsQuery, type SnapshotPage } from './list-snapshots.query.js';
import { SNAPSHOT_LIST_SOURCE } from './snapshot-list.source.js';

/** One statement per page: rows, marker check and count together (see `buildListSql`). */
@QueryHandler(ListSnapshotsQuery)
export class ListSnapshotsHandler implements IQueryHandler<ListSnapshotsQuery, SnapshotPage> {
  constructor(private readonly db: DataSource) {}

  async execute({ request, actor }: ListSnapshotsQuery): Promise<SnapshotPage> {
    if (request.matchesNothing) return { rows: [], total: request.withCount ? 0 : null };
    // Cinder looks the marker up as the caller: a non-admin's marker must be one of their snapshots.
    const sql = buildListSql(request, SNAPSHOT_LIST_SOURCE, actor.isAdmin ? null : actor.projectId);
    const result: Array<Record<string, unknown>> = await this.db.query(sql.text, sql.values);
    const first = result[0]!;
    if (request.marker && !first.marker_found) throw SnapshotErrors.notFound(request.marker.given);
    return { rows: result.filter((r) => r.id !== null).map(toEntity), total: first.total as number | null };
  }
}

function toEntity(r: Record<string, unknown>): SnapshotEntity {
  const num = (v: unknown) => (v === null ? null : Number(v));
  return Object.assign(new SnapshotEntity(), {
    id: r.id,
    projectId: r.project_id,
    userId: r.user_id,
    volumeId: r.volume_id,
    name: r.name,
    description: r.description,
    status: r.status,
    progress: r.progress,
    size: r.size,
    metadata: r.metadata,
    consumesQuota: r.consumes_quota,
    groupSnapshotId: r.group_snapshot_id,
    bytes: num(r.bytes),
    allocatedBytes: num(r.allocated_bytes),
    checksum: r.checksum,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  });
}
