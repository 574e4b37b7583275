/** What `verifyLog` found wrong first. `message` is a full sentence naming the event (or seal). */
export interface VerifyProblem {
  kind: 'altered' | 'removed' | 'inserted' | 'reordered' | 'seal';
  message: string;
  eventId?: string;
  streamId?: string;
  streamVersion?: number;
  sealNo?: number;
}

export interface VerifyReport {
  ok: boolean;
  /** Events whose hash chain was checked, and their streams. */
  events: number;
  streams: number;
  /** Seals checked against the global order, and the events they cover. */
  seals: number;
  sealedEvents: number;
  /** Committed after the last seal: protected by their streams' hash chains only (so far). */
  unsealedEvents: number;
  /** The newest seal: record its hash elsewhere and pass it back as an anchor to pin all history up to it. */
  lastSeal: { sealNo: number; hash: string } | null;
  problem: VerifyProblem | null;
}

export interface VerifyOptions {
  /** A seal hash recorded earlier (outside the database): the stored seal of that number must still match it. */
  anchor?: { sealNo: number; hash: string };
  onProgress?: (phase: 'seals' | 'streams', checked: number, total: number) => void;
}
