import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainHashes, eventHash, GENESIS_HASH, type HashedContent } from './event-hash.js';

const event = (v: number, data: Record<string, unknown> = { n: v }): HashedContent => ({
  streamId: 'snapshot-1',
  streamVersion: v,
  eventId: `00000000-0000-4000-8000-00000000000${v}`,
  type: 'test.happened.v1',
  schemaVersion: 1,
  data,
  metadata: { requestId: 'req-1' },
  recordedAt: '2026-01-02T03:04:05.123456Z',
});

describe('event hashes', () => {
  it('hash sha256(previous hash ‖ canonical JSON of the stored fields)', () => {
    const expected = createHash('sha256')
      .update(Buffer.alloc(32))
      .update(
        '{"data":{"n":1},"eventId":"00000000-0000-4000-8000-000000000001","metadata":{"requestId":"req-1"},' +
          '"recordedAt":"2026-01-02T03:04:05.123456Z","schemaVersion":1,"streamId":"snapshot-1","streamVersion":1,' +
          '"type":"test.happened.v1"}',
      )
      .digest();
    expect(eventHash(GENESIS_HASH, event(1)).equals(expected)).toBe(true);
  });

  it('chain each event to the one before it, starting from 32 zero bytes', () => {
    const [h1, h2, h3] = chainHashes(GENESIS_HASH, [event(1), event(2), event(3)]);
    expect(h1!.equals(eventHash(GENESIS_HASH, event(1)))).toBe(true);
    expect(h2!.equals(eventHash(h1!, event(2)))).toBe(true);
    expect(h3!.equals(eventHash(h2!, event(3)))).toBe(true);
  });

  it('change when any covered field changes, and for every later event of the stream', () => {
    const original = chainHashes(GENESIS_HASH, [event(1), event(2), event(3)]);
    const altered = chainHashes(GENESIS_HASH, [event(1), event(2, { n: 2, extra: true }), event(3)]);
    expect(altered[0]!.equals(original[0]!)).toBe(true);
    expect(altered[1]!.equals(original[1]!)).toBe(false);
    expect(altered[2]!.equals(original[2]!)).toBe(false);
    for (const change of [{ recordedAt: '2026-01-02T03:04:05.123457Z' }, { metadata: {} }, { type: 'test.other.v1' }, { streamVersion: 9 }]) {
      expect(eventHash(GENESIS_HASH, { ...event(1), ...change }).equals(original[0]!)).toBe(false);
    }
  });

  it('do not depend on key order in data or metadata', () => {
    const a = { ...event(1), data: { x: 1, y: { b: 2, a: 1 } } };
    const b = { ...event(1), data: { y: { a: 1, b: 2 }, x: 1 } };
    expect(eventHash(GENESIS_HASH, a).equals(eventHash(GENESIS_HASH, b))).toBe(true);
  });
});
