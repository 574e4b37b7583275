import pg from 'pg';
import { AUDITED_KINDS, AuditTrail, timelineTable, type AuditedKind, type ResourceHistory } from '#ember/audit';
import type { EmberConfig } from '#ember/config';

const USAGE = 'usage: ember audit snapshot|volume <id> [--as-of <ISO 8601 time>] [--json]';

/**
 * `ember audit snapshot|volume <id> [--as-of <time>] [--json]`: the resource's timeline from the event
 * log (time, event, actor, request id, what changed); with `--as-of`, the resource as the API showed it
 * at that moment. Exit 1 when the log has no such resource, 2 on bad arguments.
 */
export async function auditCommand(config: EmberConfig, args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if ('error' in parsed) {
    console.error(`ember audit: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const { kind, id, asOf, json } = parsed;
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2, application_name: 'ember-audit' });
  try {
    const baseUrl = config.publicEndpoint ?? `http://localhost:${config.apiPort}`;
    const views = { baseUrl, backendHost: config.backendHost };
    const history = await new AuditTrail(pool).history(kind, id, { asOf, views });
    if (!history) {
      console.error(`ember audit: no events recorded for ${kind} ${id}`);
      return 1;
    }
    console.log(json ? JSON.stringify(history, null, 2) : render(history));
    return 0;
  } finally {
    await pool.end();
  }
}

function render(h: ResourceHistory): string {
  const lines = [`${h.kind} ${h.id}: ${h.events.length} event(s)${h.asOf ? ` up to ${h.asOf.time}` : ''}`, '', timelineTable(h.events)];
  if (h.asOf) {
    lines.push('', `as of ${h.asOf.time}:`, h.asOf.state ? JSON.stringify({ [h.kind]: h.asOf.state }, null, 2) : `  (${h.asOf.note})`);
  }
  return lines.join('\n');
}

type Parsed = { kind: AuditedKind; id: string; asOf?: Date; json: boolean } | { error: string };

function parseArgs(args: string[]): Parsed {
  const positional: string[] = [];
  let asOf: Date | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--as-of' || arg.startsWith('--as-of=')) {
      const value = arg === '--as-of' ? args[++i] : arg.slice('--as-of='.length);
      const time = value ? new Date(value) : null;
      if (!value || !/^\d{4}-\d\d-\d\d/.test(value) || !time || Number.isNaN(time.getTime())) {
        return { error: `--as-of needs an ISO 8601 time, got ${value ?? 'nothing'}` };
      }
      asOf = time;
    } else if (arg.startsWith('-')) return { error: `unknown option ${arg}` };
    else positional.push(arg);
  }
  const [kind, id, ...extra] = positional;
  if (!kind || !AUDITED_KINDS.includes(kind as AuditedKind)) return { error: `what to audit: ${AUDITED_KINDS.join(' or ')}` };
  if (!id || extra.length > 0) return { error: `one ${kind} id` };
  return { kind: kind as AuditedKind, id, asOf, json };
}
