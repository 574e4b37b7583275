import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { authorize, BadRequest, NotFound, validateResetSnapshotStatus, validateUpdateSnapshotStatus, type PolicyRule } from '#ember/cinder';
import {
  DeleteSnapshotCommand,
  GetSnapshotQuery,
  ResetSnapshotStatusCommand,
  UpdateSnapshotStatusCommand,
  type SnapshotEntity,
} from '#ember/snapshots';
import { commandContext, type EmberRequest } from '../http/request-context.js';

type Body = Record<string, unknown>;

/** `POST /snapshots/{id}/action`: Cinder dispatches on the body's single key. */
@Injectable()
export class SnapshotActions {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async run(req: EmberRequest, snapshotId: string): Promise<void> {
    const body = req.body as unknown;
    // Cinder's router finds no action method for a list body: a plain 404.
    if (Array.isArray(body)) throw new NotFound();
    if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).length !== 1) {
      throw new BadRequest('Malformed request body');
    }
    const ctx = commandContext(req);
    const name = Object.keys(body as Body)[0]!;
    switch (name) {
      case 'os-reset_status': {
        const status = validateResetSnapshotStatus(body);
        await this.authorized(req, snapshotId, 'volume_extension:snapshot_admin_actions:reset_status');
        return this.commands.execute(new ResetSnapshotStatusCommand(snapshotId, status, ctx));
      }
      case 'os-update_snapshot_status': {
        const { status, progress } = validateUpdateSnapshotStatus(body);
        await this.authorized(req, snapshotId, 'snapshot_extension:snapshot_actions:update_snapshot_status');
        return this.commands.execute(new UpdateSnapshotStatusCommand(snapshotId, status, progress, ctx));
      }
      case 'os-force_delete':
        await this.authorized(req, snapshotId, 'volume_extension:snapshot_admin_actions:force_delete');
        return this.commands.execute(new DeleteSnapshotCommand(snapshotId, { force: true, unmanage: false }, ctx));
      case 'os-unmanage':
        await this.authorized(req, snapshotId, 'snapshot_extension:snapshot_unmanage');
        return this.commands.execute(new DeleteSnapshotCommand(snapshotId, { force: false, unmanage: true }, ctx));
      default:
        throw new BadRequest(`There is no such action: ${name}. Verify the request body and Content-Type header and try again.`);
    }
  }

  /** Cinder loads the snapshot (404) before it checks policy (403). */
  private async authorized(req: EmberRequest, snapshotId: string, rule: PolicyRule): Promise<void> {
    const actor = commandContext(req).actor;
    const row = await this.queries.execute<GetSnapshotQuery, SnapshotEntity>(new GetSnapshotQuery(snapshotId, actor));
    authorize(actor, rule, row.projectId);
  }
}
