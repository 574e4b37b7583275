import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { VolumeErrors } from '../../domain/volume.errors.js';
import { VolumeEntity } from '../../infrastructure/volume.entity.js';
import { FindAttachmentQuery } from './find-attachment.query.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface FoundAttachment {
  volume: VolumeEntity;
  attachment: Record<string, unknown>;
}

@QueryHandler(FindAttachmentQuery)
export class FindAttachmentHandler implements IQueryHandler<FindAttachmentQuery, FoundAttachment> {
  constructor(private readonly db: DataSource) {}

  async execute({ attachmentId, actor }: FindAttachmentQuery): Promise<FoundAttachment> {
    if (!UUID.test(attachmentId)) throw VolumeErrors.attachmentNotFound(attachmentId);
    const volume = await this.db
      .getRepository(VolumeEntity)
      .createQueryBuilder('v')
      .where(`v.attachments @> :probe::jsonb`, { probe: JSON.stringify([{ attachmentId: attachmentId.toLowerCase() }]) })
      .andWhere(actor.isAdmin ? 'TRUE' : 'v.project_id = :project', { project: actor.projectId })
      .getOne();
    const attachment = volume?.attachments.find((a) => a.attachmentId === attachmentId.toLowerCase());
    if (!volume || !attachment) throw VolumeErrors.attachmentNotFound(attachmentId);
    return { volume, attachment };
  }
}
