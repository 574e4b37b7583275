import { BadRequest } from '../errors/client.errors.js';

// Cinder's router requirement `project_id_regex` for the {project_id} URL segment.
const PROJECT_ID = /^[0-9a-f-]+$/;

/**
 * Whether a URL segment can be a project id. A segment that is not is not routed at all in Cinder
 * (router-level 404, e.g. `/v3/admin/snapshots`), so a caller should treat the path as unknown.
 */
export function isUrlProjectId(segment: string): boolean {
  return PROJECT_ID.test(segment);
}

/**
 * Cinder's check that the project in the URL is the caller's (`wsgi.Resource._process_stack`).
 * @throws BadRequest `Malformed request url`.
 */
export function assertUrlProject(urlProjectId: string | null | undefined, callerProjectId: string): void {
  if (urlProjectId && urlProjectId !== callerProjectId) throw new BadRequest('Malformed request url');
}
