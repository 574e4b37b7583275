import { describe, expect, it } from 'vitest';
import { ApiVersion } from '../microversions/api-version.js';
import { snapshotForceMode } from './snapshot-force-mode.js';

const BEFORE = ApiVersion.of('3.65');
const SINCE = ApiVersion.of('3.66');

describe('snapshotForceMode', () => {
  it('before 3.66 allows in-use volumes only with force=true', () => {
    expect(snapshotForceMode(true, BEFORE)).toEqual({ allowInUse: true });
    expect(snapshotForceMode(false, BEFORE)).toEqual({ allowInUse: false });
    expect(snapshotForceMode(undefined, BEFORE)).toEqual({ allowInUse: false });
  });

  it('from 3.66 allows in-use volumes without force and ignores force=true', () => {
    expect(snapshotForceMode(undefined, SINCE)).toEqual({ allowInUse: true });
    expect(snapshotForceMode(true, ApiVersion.of('3.71'))).toEqual({ allowInUse: true });
  });

  it("from 3.66 refuses force=false with Cinder's message, typo and double space included", () => {
    expect(() => snapshotForceMode(false, SINCE)).toThrow(
      "Since microversion 3.66 the 'force' flag is invalid for this request.  For backward compatability, " +
        "however, when the 'force' flag is passed with a value evaluating to True, it is silently ignored.",
    );
  });
});
