import type { RecordedEvent } from '#ember/event-store';
import { advance, summarize, type SummaryContext } from './event-summary.js';

/** Who acted, as the event's metadata recorded it. */
export interface AuditActor {
  userId: string | null;
  projectId: string | null;
  roles: string[];
  /** `noauth`, `keystone`, or `worker` for outcome events a storage job appended on the request's behalf. */
  authMode: string | null;
  clientAddress: string | null;
}

/** One line of a resource's timeline. */
export interface AuditEntry {
  /** Global position in the log (decimal string: positions are 64-bit). */
  position: string;
  version: number;
  eventId: string;
  /** The stable type string, e.g. `snapshot.updated.v1`. */
  type: string;
  /** When the event was recorded (the database's clock, ISO 8601). */
  time: string;
  actor: AuditActor;
  requestId: string | null;
  globalRequestId: string | null;
  correlationId: string | null;
  causationId: string | null;
  jobId: string | null;
  summary: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The timeline of one stream: each event with its actor, request and a one-line summary. */
export function auditEntries(events: readonly RecordedEvent[]): AuditEntry[] {
  let context: SummaryContext = { metadata: {} };
  return events.map((e) => {
    const summary = summarize(e.type, e.data, context);
    context = advance(context, e.type, e.data);
    const m = e.metadata;
    return {
      position: e.position.toString(),
      version: e.streamVersion,
      eventId: e.eventId,
      type: e.type,
      time: e.recordedAt.toISOString(),
      actor: {
        userId: str(m.userId),
        projectId: str(m.projectId),
        roles: Array.isArray(m.roles) ? m.roles.map(String) : [],
        authMode: str(m.authMode),
        clientAddress: str(m.clientAddress),
      },
      requestId: str(m.requestId),
      globalRequestId: str(m.globalRequestId),
      correlationId: str(m.correlationId),
      causationId: str(m.causationId),
      jobId: str(m.jobId),
      summary,
    };
  });
}

/** `alice`, or `worker for alice` when a storage job appended the event on alice's request. */
export function actorLabel(actor: AuditActor): string {
  const user = actor.userId ?? '?';
  return actor.authMode === 'worker' ? `worker for ${user}` : user;
}

/** `snapshot.metadata_changed.v1` → `metadata_changed`. */
export function eventName(type: string): string {
  const parts = type.split('.');
  return parts.length >= 3 ? parts.slice(1, -1).join('.') : type;
}
