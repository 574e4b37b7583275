/** Who and what caused an event: carried API → dispatcher → worker → outcome event. */
export interface EventMetadata {
  requestId?: string;
  globalRequestId?: string;
  userId?: string;
  projectId?: string;
  roles?: string[];
  authMode?: string;
  clientAddress?: string;
  /** Id of the command, job or event that directly caused this event. */
  causationId?: string;
  /** Id of the request this event ultimately belongs to. */
  correlationId?: string;
  [key: string]: unknown;
}

/** An event about to be appended. `eventId` makes a retried append idempotent. */
export interface NewEvent<T = Record<string, unknown>> {
  eventId: string;
  /** Stable, versioned type string, e.g. `snapshot.requested.v1`. Never reused. */
  type: string;
  data: T;
  metadata?: EventMetadata;
}

/** An event as stored: global order is `(txId, position)`, stream order is `streamVersion`. */
export interface RecordedEvent<T = Record<string, unknown>> {
  position: bigint;
  /** The writing transaction id (`xid8`), as a decimal string. */
  txId: string;
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: T;
  metadata: EventMetadata;
  recordedAt: Date;
}

/** `no_stream`: the stream must not exist; a number: it must be exactly at that version; `any`: no check. */
export type ExpectedVersion = 'no_stream' | 'any' | number;

export interface AppendToStream {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: NewEvent[];
}

export interface AppendResult {
  /** Stream id → its version after the append. */
  versions: Record<string, number>;
  /** The events as recorded, in append order (already stored ones on an idempotent retry). */
  events: RecordedEvent[];
  /** True when every event was already stored by an earlier attempt: nothing was written. */
  duplicate: boolean;
}

/** A checkpoint in the global committed order. */
export interface GlobalPosition {
  txId: string;
  position: bigint;
}

export const START: GlobalPosition = { txId: '0', position: 0n };
