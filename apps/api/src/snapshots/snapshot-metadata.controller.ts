import { Controller } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  DeleteSnapshotMetadataKeyCommand,
  GetSnapshotQuery,
  SnapshotErrors,
  WriteSnapshotMetadataCommand,
  type SnapshotEntity,
} from '#ember/snapshots';
import { MetadataController, type MetadataWrite } from '../http/metadata.controller.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';

/** `/v3[/{project_id}]/snapshots/{id}/metadata[/{key}]` (no status restriction, as Cinder). */
@Controller('v3/snapshots/:id/metadata')
export class SnapshotMetadataController extends MetadataController {
  protected readonly rules = {
    read: 'volume:get_snapshot_metadata',
    update: 'volume:update_snapshot_metadata',
    remove: 'volume:delete_snapshot_metadata',
  } as const;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  protected load(req: EmberRequest, id: string) {
    return this.queries.execute<GetSnapshotQuery, SnapshotEntity>(new GetSnapshotQuery(id, commandContext(req).actor));
  }

  protected write(req: EmberRequest, id: string, mode: MetadataWrite, metadata: Record<string, string>) {
    const ctx = commandContext(req);
    return typeof mode === 'object'
      ? this.commands.execute(new DeleteSnapshotMetadataKeyCommand(id, mode.remove, ctx))
      : this.commands.execute(new WriteSnapshotMetadataCommand(id, mode, metadata, ctx));
  }

  protected keyNotFound(id: string, key: string) {
    return SnapshotErrors.metadataKeyNotFound(id, key);
  }
}
