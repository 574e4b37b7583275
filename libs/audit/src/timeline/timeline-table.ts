import { actorLabel, eventName, type AuditEntry } from './audit-entry.js';

const HEADERS = ['TIME', 'EVENT', 'ACTOR', 'REQUEST', 'SUMMARY'];

/** The timeline as an aligned text table (the summary column is last and never padded). */
export function timelineTable(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) => [e.time, eventName(e.type), actorLabel(e.actor), e.requestId ?? '-', e.summary]);
  const widths = HEADERS.slice(0, -1).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < widths.length ? c.padEnd(widths[i]!) : c)).join('  ');
  return [line(HEADERS), ...rows.map(line)].join('\n');
}
