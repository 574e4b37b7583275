import { schemaVersionOf } from '../event-type.js';
import type { RecordedEvent } from '../event.types.js';

/** Turns one stored shape into the next; gets the event as stored so far (for defaults such as `recordedAt`). */
export type Upcast = (data: Record<string, unknown>, event: Readonly<RecordedEvent>) => Record<string, unknown>;

/**
 * Schema evolution on read: `fromType` events are handed to readers as `toType`, their data rewritten by
 * the upcaster. Upcasters chain (v0 → v1 → v2), so a reader only ever sees current types. The stored
 * event is never changed (it is hashed as stored); only what `readStream`/`readAll` return is.
 */
export class UpcasterRegistry {
  private readonly byType = new Map<string, { toType: string; upcast: Upcast }>();

  /** Registers `fromType → toType`. Refuses a second upcaster for a type and any cycle. */
  register(fromType: string, toType: string, upcast: Upcast): this {
    if (this.byType.has(fromType)) throw new Error(`an upcaster from ${fromType} is already registered`);
    for (let t: string | undefined = toType; t !== undefined; t = this.byType.get(t)?.toType) {
      if (t === fromType) throw new Error(`upcasting ${fromType} → ${toType} would loop back to ${fromType}`);
    }
    this.byType.set(fromType, { toType, upcast });
    return this;
  }

  /** The type readers see for a stored type (itself when nothing upcasts it). */
  currentType(type: string): string {
    for (let step = this.byType.get(type); step; step = this.byType.get(type)) type = step.toType;
    return type;
  }

  /** The event in its current shape; the same object when its type is current. */
  upcast<T extends RecordedEvent>(event: T): T {
    let current = event;
    for (let step = this.byType.get(current.type); step; step = this.byType.get(current.type)) {
      current = {
        ...current,
        type: step.toType,
        schemaVersion: schemaVersionOf(step.toType),
        data: step.upcast(current.data, current),
      };
    }
    return current;
  }
}
