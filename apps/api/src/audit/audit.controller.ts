import { Controller, Get, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type AuditedKind, type AuditEntry, type ResourceHistory } from '#ember/audit';
import { authorize, BadRequest, NotFound } from '#ember/cinder';
import { EmberConfig } from '#ember/config';
import { poolOf } from '#ember/event-store';
import { baseUrlOf } from '../http/base-url.js';
import { Req } from '../http/ember-request.decorator.js';
import { commandContext, type EmberRequest } from '../http/request-context.js';
import { lastQueryValue } from '../quotas/query-value.js';

/**
 * `GET /v3[/{project_id}]/ember-audit/{snapshots|volumes}/{id}[?as_of=<ISO 8601>]` (admins only, policy
 * `ember:audit`): a resource's history from the event log, and its state as of a past moment. An Ember
 * extension under a path no Cinder client uses; read-only.
 */
@Controller('v3/ember-audit')
export class AuditController {
  private readonly trail: AuditTrail;

  constructor(
    db: DataSource,
    private readonly config: EmberConfig,
  ) {
    this.trail = new AuditTrail(poolOf(db));
  }

  @Get('snapshots/:id')
  snapshot(@Req() req: EmberRequest, @Param('id') id: string) {
    return this.audit(req, 'snapshot', id);
  }

  @Get('volumes/:id')
  volume(@Req() req: EmberRequest, @Param('id') id: string) {
    return this.audit(req, 'volume', id);
  }

  private async audit(req: EmberRequest, kind: AuditedKind, id: string) {
    authorize(commandContext(req).actor, 'ember:audit');
    const raw = lastQueryValue(req.query.as_of);
    const asOf = raw === undefined ? undefined : new Date(raw);
    if (raw !== undefined && (!/^\d{4}-\d\d-\d\d/.test(raw) || Number.isNaN(asOf!.getTime()))) {
      throw new BadRequest(`Invalid input received: as_of must be an ISO 8601 time, got '${raw}'.`);
    }
    const views = { baseUrl: baseUrlOf(req, this.config.publicEndpoint), backendHost: this.config.backendHost };
    const history = await this.trail.history(kind, id, { asOf, views });
    if (!history) throw new NotFound(`${kind === 'snapshot' ? 'Snapshot' : 'Volume'} ${id} could not be found.`);
    return { audit: auditJson(history) };
  }
}

/** The history in the API's snake_case (the state inside is already the Cinder view). */
function auditJson(h: ResourceHistory) {
  return {
    resource_type: h.kind,
    id: h.id,
    events: h.events.map(eventJson),
    ...(h.asOf ? { as_of: { time: h.asOf.time, [h.kind]: h.asOf.state, ...(h.asOf.note ? { note: h.asOf.note } : {}) } } : {}),
  };
}

function eventJson(e: AuditEntry) {
  const a = e.actor;
  return {
    time: e.time,
    type: e.type,
    summary: e.summary,
    actor: { user_id: a.userId, project_id: a.projectId, roles: a.roles, auth_mode: a.authMode, client_address: a.clientAddress },
    request_id: e.requestId,
    global_request_id: e.globalRequestId,
    correlation_id: e.correlationId,
    causation_id: e.causationId,
    job_id: e.jobId,
    event_id: e.eventId,
    position: e.position,
    version: e.version,
  };
}
