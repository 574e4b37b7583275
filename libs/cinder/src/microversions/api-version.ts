/** Something that names a microversion: an {@link ApiVersion} or its `"3.x"` text. */
export type ApiVersionLike = ApiVersion | string;

/**
 * A Cinder microversion `major.minor` (a value object). Ordering is numeric per part,
 * so 3.9 < 3.10 < 3.65.
 */
export class ApiVersion {
  constructor(
    readonly major: number,
    readonly minor: number,
  ) {}

  /** Reads `"3.65"`; throws on anything that is not two dot-separated integers (use this for constants). */
  static of(text: string): ApiVersion {
    const match = /^(\d+)\.(\d+)$/.exec(text);
    if (!match) throw new TypeError(`Not a microversion: ${text}`);
    return new ApiVersion(Number(match[1]), Number(match[2]));
  }

  /** Negative, zero or positive as `this` is lower than, equal to or higher than `other`. */
  compare(other: ApiVersionLike): number {
    const that = toVersion(other);
    return this.major - that.major || this.minor - that.minor;
  }

  /** `min <= this <= max`; an omitted (or null) bound is open, like Cinder's `APIVersionRequest.matches`. */
  matches(min?: ApiVersionLike | null, max?: ApiVersionLike | null): boolean {
    return (min == null || this.compare(min) >= 0) && (max == null || this.compare(max) <= 0);
  }

  /** True when `this >= min` — the usual "field added in 3.x" gate. */
  atLeast(min: ApiVersionLike): boolean {
    return this.compare(min) >= 0;
  }

  equals(other: ApiVersionLike): boolean {
    return this.compare(other) === 0;
  }

  /** `"3.65"`. */
  toString(): string {
    return `${this.major}.${this.minor}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

const toVersion = (v: ApiVersionLike): ApiVersion => (typeof v === 'string' ? ApiVersion.of(v) : v);

/** Lowest microversion served, and the default when a request names none (`_MIN_API_VERSION`). */
export const MIN_API_VERSION = new ApiVersion(3, 0);

/** Highest microversion served, what `volume latest` means (`_MAX_API_VERSION`). */
export const MAX_API_VERSION = new ApiVersion(3, 71);
