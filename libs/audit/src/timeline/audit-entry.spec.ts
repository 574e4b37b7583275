import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '#ember/event-store';
import { SnapshotEvents } from '#ember/snapshots';
import { actorLabel, auditEntries, eventName } from './audit-entry.js';
import { timelineTable } from './timeline-table.js';

const event = (version: number, type: string, data: Record<string, unknown>, metadata: Record<string, unknown>): RecordedEvent => ({
  position: BigInt(100 + version), txId: '9', streamId: 'snapshot-1', streamVersion: version, eventId: `e${version}`, type,
  schemaVersion: 1, data, metadata, recordedAt: new Date(Date.UTC(2026, 10, 26, 17, 0, version)),
});

describe('audit entries', () => {
  const events = [
    event(1, SnapshotEvents.Requested, { volumeId: 'v1', size: 1, name: null, metadata: { a: '1' } },
      { requestId: 'req-1', userId: 'alice', projectId: 'p1', roles: ['member'], authMode: 'noauth', correlationId: 'req-1' }),
    event(2, SnapshotEvents.Available, { bytes: 1024, allocatedBytes: 0, checksum: 'c' },
      { requestId: 'req-1', userId: 'alice', authMode: 'worker', causationId: 'e1', correlationId: 'req-1', jobId: 'e1' }),
    event(3, SnapshotEvents.MetadataChanged, { metadata: { b: '2' } }, { requestId: 'req-3', userId: 'bob', authMode: 'keystone' }),
  ];

  it('carries time, actor, request and correlation of every event, and summarizes it against the ones before', () => {
    const entries = auditEntries(events);
    expect(entries.map((e) => [e.time, actorLabel(e.actor), e.requestId, e.summary])).toEqual([
      ['2026-11-26T17:00:01.000Z', 'alice', 'req-1', 'requested from volume v1, 1 GiB'],
      ['2026-11-26T17:00:02.000Z', 'worker for alice', 'req-1', 'copied 1 KiB (0 B allocated), checksum c'],
      ['2026-11-26T17:00:03.000Z', 'bob', 'req-3', 'metadata: +b, -a'],
    ]);
    expect(entries[1]).toMatchObject({ causationId: 'e1', correlationId: 'req-1', jobId: 'e1', position: '102', version: 2 });
    expect(entries[0]!.actor).toEqual({ userId: 'alice', projectId: 'p1', roles: ['member'], authMode: 'noauth', clientAddress: null });
  });

  it('renders an aligned table with the summary last', () => {
    const lines = timelineTable(auditEntries(events)).split('\n');
    expect(lines[0]).toMatch(/^TIME\s+EVENT\s+ACTOR\s+REQUEST\s+SUMMARY$/);
    expect(lines[2]).toBe(
      '2026-11-26T17:00:02.000Z  available         worker for alice  req-1    copied 1 KiB (0 B allocated), checksum c',
    );
    for (const line of lines.slice(1)) expect(line.indexOf('req-')).toBe(lines[0]!.indexOf('REQUEST'));
    expect(eventName('snapshot.metadata_changed.v1')).toBe('metadata_changed');
  });
});
