import { Forbidden } from '../errors/client.errors.js';
import { POLICY_RULES, type PolicyRule } from './policy-rules.js';

/** Who is asking, as far as policy is concerned. */
export interface PolicySubject {
  projectId: string;
  roles: readonly string[];
  isAdmin: boolean;
}

const has = (s: PolicySubject, role: string): boolean =>
  s.isAdmin ||
  s.roles.includes(role) ||
  (role === 'reader' && s.roles.includes('member'));

/** Whether `subject` passes `rule` on a resource of `targetProjectId` (default: the subject's own). */
export function isAllowed(subject: PolicySubject, rule: PolicyRule, targetProjectId = subject.projectId): boolean {
  const persona = POLICY_RULES[rule];
  if (subject.isAdmin) return true;
  if (persona === 'admin') return false;
  return targetProjectId === subject.projectId && has(subject, persona);
}

/** Throws Cinder's 403 `Policy doesn't allow <rule> to be performed.` unless {@link isAllowed}. */
export function authorize(subject: PolicySubject, rule: PolicyRule, targetProjectId?: string): void {
  if (!isAllowed(subject, rule, targetProjectId)) throw Forbidden.policy(rule);
}
