import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event.types.js';
import { UpcasterRegistry } from './upcaster-registry.js';

const stored = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  position: 1n, txId: '1', streamId: 'thing-1', streamVersion: 1, eventId: 'e', type, schemaVersion: 1, data,
  metadata: {}, recordedAt: new Date('2026-01-02T03:04:05Z'),
});

describe('UpcasterRegistry', () => {
  it('hands readers the current type, schema version and shape', () => {
    const registry = new UpcasterRegistry().register('thing.made.v1', 'thing.made.v2', (d) => ({ ...d, colour: d.color ?? 'none', color: undefined }));
    const e = registry.upcast(stored('thing.made.v1', { color: 'red' }));
    expect([e.type, e.schemaVersion, e.data.colour]).toEqual(['thing.made.v2', 2, 'red']);
  });

  it('chains upcasters, each seeing the previous one’s output and the stored event', () => {
    const registry = new UpcasterRegistry()
      .register('thing.made.v2', 'thing.made.v3', (d) => ({ ...d, steps: [...(d.steps as string[]), 'v3'] }))
      .register('thing.made.v1', 'thing.made.v2', (d, e) => ({ steps: ['v2'], at: e.recordedAt.toISOString(), ...d }));
    const e = registry.upcast(stored('thing.made.v1', {}));
    expect(e.type).toBe('thing.made.v3');
    expect(e.data).toEqual({ steps: ['v2', 'v3'], at: '2026-01-02T03:04:05.000Z' });
    expect(registry.currentType('thing.made.v1')).toBe('thing.made.v3');
  });

  it('leaves current events untouched (same object) and never mutates the stored one', () => {
    const registry = new UpcasterRegistry().register('thing.made.v1', 'thing.made.v2', (d) => ({ ...d, added: true }));
    const current = stored('thing.made.v2', { a: 1 });
    expect(registry.upcast(current)).toBe(current);
    const old = stored('thing.made.v1', { a: 1 });
    registry.upcast(old);
    expect(old).toEqual(stored('thing.made.v1', { a: 1 }));
  });

  it('refuses a second upcaster for a type and any cycle', () => {
    const registry = new UpcasterRegistry().register('a.v1', 'a.v2', (d) => d).register('a.v2', 'a.v3', (d) => d);
    expect(() => registry.register('a.v1', 'b.v1', (d) => d)).toThrow(/already registered/);
    expect(() => registry.register('a.v3', 'a.v1', (d) => d)).toThrow(/loop back/);
    expect(() => registry.register('x.v1', 'x.v1', (d) => d)).toThrow(/loop back/);
  });
});
