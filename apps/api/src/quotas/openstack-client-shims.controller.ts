import { Controller, Get, Param } from '@nestjs/common';
import { NotFound } from '#ember/cinder';

/** Cinder's `project_id_regex`: the ids Ember can stand for; names it cannot resolve. */
const PROJECT_ID = /^[0-9a-f-]+$/;

/**
 * `openstack quota show|set <project>` with `OS_AUTH_TYPE=admin_token` + `OS_ENDPOINT` (CLIENTS.md) sends
 * every client to this endpoint: a Keystone lookup of the project (`GET projects/{id}`), Nova's quota calls
 * (the same `os-quota-sets` paths, answered by Cinder's controller) and Neutron's (`GET v2.0/quotas/{id}`),
 * and fails on a 404 from either. Real deployments route those by the Keystone catalog and never come
 * here; these answers only let the OpenStack CLI work without Keystone.
 */
@Controller('v3')
export class OpenStackClientShimsController {
  /** Keystone v3 `GET /projects/{id}`, echoing an id (Ember knows no names, so a name stays unknown: 404). */
  @Get('projects/:id')
  project(@Param('id') id: string) {
    if (!PROJECT_ID.test(id)) throw new NotFound(`Could not find project: ${id}.`);
    return { project: { id, name: id, domain_id: 'default', enabled: true, is_domain: false, parent_id: 'default', description: '' } };
  }

  /** Neutron `GET /v2.0/quotas/{id}[/default]`: Ember has no network quotas, so none. */
  @Get(['v2.0/quotas/:id', 'v2.0/quotas/:id/default'])
  networkQuota() {
    return { quota: {} };
  }
}
