import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { authorize, BadRequest, Microversions, NotFound, validateExtendVolume, validateResetVolumeStatus, type PolicyRule } from '#ember/cinder';
import {
  AttachVolumeCommand,
  DetachVolumeCommand,
  ExtendVolumeCommand,
  GetVolumeQuery,
  ResetVolumeStatusCommand,
  VolumeHandshakeCommand,
  type VolumeEntity,
} from '#ember/volumes';
import { RevertVolumeCommand } from '#ember/snapshots';
import { commandContext, type EmberRequest } from '../http/request-context.js';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
type Body = Record<string, unknown>;

/** The legacy attach handshake actions, their steps and policy rules. */
const HANDSHAKE: Record<string, { step: VolumeHandshakeCommand['step']; rule: PolicyRule }> = {
  'os-reserve': { step: 'reserve', rule: 'volume_extension:volume_actions:reserve' },
  'os-unreserve': { step: 'unreserve', rule: 'volume_extension:volume_actions:unreserve' },
  'os-begin_detaching': { step: 'beginDetaching', rule: 'volume_extension:volume_actions:begin_detaching' },
  'os-roll_detaching': { step: 'rollDetaching', rule: 'volume_extension:volume_actions:roll_detaching' },
};

/**
 * `POST /volumes/{id}/action`: Cinder dispatches on the body's single key. Ember serves the legacy
 * attach/detach actions that make a volume `in-use` (the snapshot `force` rules depend on it).
 */
@Injectable()
export class VolumeActions {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private authorized(req: EmberRequest, volumeId: string, rule: PolicyRule): Promise<void> {
    return authorizedOn(this.queries, req, volumeId, rule);
  }

  async run(req: EmberRequest, volumeId: string): Promise<void> {
    const body = req.body as unknown;
    // Cinder's router finds no action method for a list body: a plain 404.
    if (Array.isArray(body)) throw new NotFound();
    if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).length !== 1) {
      throw new BadRequest('Malformed request body');
    }
    const [name, args] = Object.entries(body as Body)[0]!;
    const ctx = commandContext(req);
    switch (name) {
      case 'os-attach': {
        const volume = await this.queries.execute<GetVolumeQuery, VolumeEntity>(new GetVolumeQuery(volumeId, ctx.actor));
        authorize(ctx.actor, 'volume_extension:volume_actions:attach', volume.projectId);
        const a = attachArgs(args);
        return this.commands.execute(new AttachVolumeCommand(volumeId, a, ctx));
      }
      case 'os-detach': {
        const volume = await this.queries.execute<GetVolumeQuery, VolumeEntity>(new GetVolumeQuery(volumeId, ctx.actor));
        authorize(ctx.actor, 'volume_extension:volume_actions:detach', volume.projectId);
        const attachmentId = (args as Body | null)?.attachment_id ?? null;
        if (attachmentId !== null && (typeof attachmentId !== 'string' || !UUID.test(attachmentId))) {
          throw new BadRequest(`Invalid input for field/attribute attachment_id. Value: ${String(attachmentId)}. '${String(attachmentId)}' is not a 'uuid'`);
        }
        return this.commands.execute(new DetachVolumeCommand(volumeId, attachmentId as string | null, ctx));
      }
      case 'os-reserve':
      case 'os-unreserve':
      case 'os-begin_detaching':
      case 'os-roll_detaching': {
        const step = HANDSHAKE[name]!;
        await this.authorized(req, volumeId, step.rule);
        return this.commands.execute(new VolumeHandshakeCommand(volumeId, step.step, ctx));
      }
      case 'os-reset_status': {
        const reset = validateResetVolumeStatus(body);
        await this.authorized(req, volumeId, 'volume_extension:volume_admin_actions:reset_status');
        return this.commands.execute(new ResetVolumeStatusCommand(volumeId, reset, ctx));
      }
      case 'os-extend': {
        const newSize = validateExtendVolume(body);
        await this.authorized(req, volumeId, 'volume:extend');
        const inUse = req.ember.apiVersion.atLeast(Microversions.VOLUME_EXTEND_INUSE);
        return this.commands.execute(new ExtendVolumeCommand(volumeId, newSize, inUse, ctx));
      }
      case 'revert': {
        // Below 3.40 the action does not exist: Cinder's plain 404.
        if (!req.ember.apiVersion.atLeast(Microversions.VOLUME_REVERT)) throw new NotFound();
        const args = (body as Body).revert;
        if (typeof args !== 'object' || args === null || Array.isArray(args)) {
          throw new BadRequest(`Invalid input for field/attribute revert. Value: ${String(args)}. ${String(args)} is not of type 'object'`);
        }
        const snapshotId = (args as Body).snapshot_id ?? null;
        await this.authorized(req, volumeId, 'volume:revert_to_snapshot');
        return this.commands.execute(new RevertVolumeCommand(volumeId, typeof snapshotId === 'string' ? snapshotId : null, ctx));
      }
      default:
        throw new BadRequest(
          `There is no such action: ${name}. Verify the request body and Content-Type header and try again.`,
        );
    }
  }
}

/** Cinder loads the volume (404) before it checks policy (403). */
async function authorizedOn(queries: QueryBus, req: EmberRequest, volumeId: string, rule: PolicyRule): Promise<void> {
  const actor = commandContext(req).actor;
  const row = await queries.execute<GetVolumeQuery, VolumeEntity>(new GetVolumeQuery(volumeId, actor));
  authorize(actor, rule, row.projectId);
}

/** `os-attach` arguments with Cinder's schema rules (mountpoint required; instance_uuid or host_name). */
function attachArgs(args: unknown) {
  if (typeof args !== 'object' || args === null) throw new BadRequest("Invalid input for field/attribute os-attach. 'mountpoint' is a required property");
  const a = args as Body;
  const mountpoint = a.mountpoint;
  if (typeof mountpoint !== 'string' || mountpoint.length < 1 || mountpoint.length > 255) {
    throw new BadRequest("Invalid input for field/attribute mountpoint. 'mountpoint' must be a string of 1 to 255 characters");
  }
  const instanceUuid = a.instance_uuid ?? null;
  const hostName = a.host_name ?? null;
  if (instanceUuid === null && hostName === null) {
    throw new BadRequest('Invalid request to attach volume to an invalid target');
  }
  if (instanceUuid !== null && (typeof instanceUuid !== 'string' || !UUID.test(instanceUuid))) {
    throw new BadRequest('Invalid request to attach volume to an instance: instance_uuid must be a uuid');
  }
  const mode = a.mode ?? 'rw';
  if (mode !== 'rw' && mode !== 'ro') throw new BadRequest("Invalid request to attach volume with an invalid mode. Attaching mode should be 'rw' or 'ro'");
  return { instanceUuid: instanceUuid as string | null, hostName: hostName as string | null, mountpoint, mode: mode as 'rw' | 'ro' };
}
