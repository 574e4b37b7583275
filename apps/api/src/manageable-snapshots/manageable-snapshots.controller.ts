import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { EmberConfig } from '#ember/config';
import {
  authorize,
  Microversions,
  NotFound,
  parseManageableList,
  snapshotSummary,
  validateSnapshotManage,
  type ManageableListRequest,
} from '#ember/cinder';
import { DomainError } from '#ember/kernel';
import { STORAGE_BACKEND } from '#ember/platform';
import { CreateSnapshotCommand, type SnapshotEntity } from '#ember/snapshots';
import type { StorageBackend } from '#ember/storage';
import { VolumeErrors } from '#ember/volumes';
import { Req } from '../http/ember-request.decorator.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';

const GiB = 1024 ** 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Manage existing snapshots (admin): adopt snapshot images Ember does not track, and list the images
 * the backend holds. `/manageable_snapshots` from 3.8; the legacy `/os-snapshot-manage` (what
 * python-cinderclient calls) at every microversion.
 */
@Controller('v3')
export class ManageableSnapshotsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly db: DataSource,
    private readonly config: EmberConfig,
    @Inject(STORAGE_BACKEND) private readonly storage: StorageBackend,
  ) {}

  @Post('manageable_snapshots')
  @HttpCode(202)
  async manage(@Req() req: EmberRequest) {
    this.requireMicroversion(req);
    return this.manageLegacy(req);
  }

  @Post('os-snapshot-manage')
  @HttpCode(202)
  async manageLegacy(@Req() req: EmberRequest) {
    const input = validateSnapshotManage(req.body);
    const ctx = commandContext(req);
    const row = await this.commands
      .execute<CreateSnapshotCommand, SnapshotEntity>(
        new CreateSnapshotCommand(
          {
            volumeId: input.volumeId, name: input.name, description: input.description, metadata: input.metadata,
            allowInUse: true, manageRef: input.ref,
          },
          ctx,
          (projectId) => (authorize(ctx.actor, 'snapshot_extension:snapshot_manage', projectId), {}),
        ),
      )
      .catch((e: unknown) => {
        const notFound = e instanceof DomainError && e.code === 'VOLUME_NOT_FOUND';
        throw notFound ? VolumeErrors.notFound(input.volumeIdAsGiven) : e;
      });
    // Cinder answers manage with the base (v2) view: never the microversion fields.
    return { snapshot: snapshotSummary(row) };
  }

  @Get('manageable_snapshots')
  async list(@Req() req: EmberRequest, @Query() query: Record<string, unknown>) {
    this.requireMicroversion(req);
    return this.listLegacy(req, query);
  }

  @Get('manageable_snapshots/detail')
  async detail(@Req() req: EmberRequest, @Query() query: Record<string, unknown>) {
    this.requireMicroversion(req);
    return this.detailLegacy(req, query);
  }

  @Get('os-snapshot-manage')
  async listLegacy(@Req() req: EmberRequest, @Query() query: Record<string, unknown>) {
    const items = await this.manageable(req, query);
    return { 'manageable-snapshots': items.map(({ reference, size, safe_to_manage, source_reference }) => ({ reference, size, safe_to_manage, source_reference })) };
  }

  @Get('os-snapshot-manage/detail')
  async detailLegacy(@Req() req: EmberRequest, @Query() query: Record<string, unknown>) {
    return { 'manageable-snapshots': await this.manageable(req, query) };
  }

  /** Cinder lists a volume service's backend by its host (`host@backend`, a pool suffix allowed). */
  private requireOurHost(query: Record<string, unknown>): void {
    const asked = String(query.host ?? query.cluster);
    const service = this.config.backendHost.split('#')[0]!;
    if (asked.split('#')[0] !== service) throw new NotFound(`Service cinder-volume could not be found on host ${asked}.`);
  }

  private requireMicroversion(req: EmberRequest): void {
    if (!req.ember.apiVersion.atLeast(Microversions.MANAGE_EXISTING_LIST)) throw new NotFound();
  }

  /** Every snapshot image in the backend; those Ember already tracks are listed as not safe to manage. */
  private async manageable(req: EmberRequest, query: Record<string, unknown>) {
    authorize(commandContext(req).actor, 'snapshot_extension:list_manageable');
    const request = parseManageableList(query, req.ember.apiVersion);
    this.requireOurHost(query);
    const images = await this.storage.listSnapshotImages();
    const candidates = images.map((i) => i.ref).filter((ref) => UUID.test(ref));
    const rows: { id: string }[] = await this.db.query('SELECT id FROM snapshots WHERE id = ANY($1::uuid[])', [candidates]);
    const tracked = new Set(rows.map((r) => r.id));
    const items = images.map(({ ref, bytes }) => {
      const managed = tracked.has(ref);
      return {
        reference: { 'source-name': ref },
        size: Math.ceil(bytes / GiB),
        safe_to_manage: !managed,
        source_reference: null,
        reason_not_safe: managed ? 'already managed' : null,
        cinder_id: managed ? ref : null,
        extra_info: null,
      };
    });
    return page(items, request);
  }
}

function page<T extends { reference: { 'source-name': string }; size: number }>(items: T[], request: ManageableListRequest): T[] {
  const value = (item: T, key: 'reference' | 'size') => (key === 'size' ? item.size : item.reference['source-name']);
  const sorted = [...items].sort((a, b) => {
    for (const { key, dir } of request.sort) {
      const [x, y] = [value(a, key), value(b, key)];
      if (x !== y) return (x < y ? -1 : 1) * (dir === 'asc' ? 1 : -1);
    }
    return 0;
  });
  const start = request.marker ? sorted.findIndex((i) => i.reference['source-name'] === request.marker) + 1 : 0;
  return sorted.slice(start + request.offset, start + request.offset + request.limit);
}
