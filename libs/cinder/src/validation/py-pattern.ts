/**
 * A regular expression as a Cinder schema states it: the Python `source` (quoted in error messages)
 * and a test with Python `re.search` semantics for an anchored `^…$` pattern.
 */
export interface PyPattern {
  readonly source: string;
  test(value: string): boolean;
}

/**
 * A {@link PyPattern} for `source`, tested with the equivalent JavaScript `regex` (anchored, no `m` flag).
 * Python's `$` also matches before one final newline, so `"key\n"` passes `^[a-z]+$` in Cinder; we keep that.
 */
export function pyPattern(source: string, regex: RegExp): PyPattern {
  return {
    source,
    test: (value) => regex.test(value) || (value.endsWith('\n') && regex.test(value.slice(0, -1))),
  };
}
