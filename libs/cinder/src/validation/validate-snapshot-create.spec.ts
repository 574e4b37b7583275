import { describe, expect, it } from 'vitest';
import { CinderHttpError } from '../errors/cinder-http-error.js';
import { validateSnapshotCreate } from './validate-snapshot-create.js';

const V = 'ba4ef252-761f-454a-914b-d0324fd63e75';
const A256 = 'a'.repeat(256);
const BOOL_ENUM =
  "[True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', 'y', 't', " +
  "False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no', 'n', 'f']";

function message(body: unknown): string {
  try {
    validateSnapshotCreate(body);
  } catch (e) {
    if (e instanceof CinderHttpError && e.status === 400 && e.faultName === 'badRequest') return e.message;
    throw e;
  }
  throw new Error('expected a 400');
}

const snap = (fields: object) => ({ snapshot: { volume_id: V, ...fields } });

// Every expected message below is the text the reference Cinder (21.3.1) answered for the same body.
describe('validateSnapshotCreate refuses like Cinder', () => {
  it.each<[string, unknown, string]>([
    ['body without snapshot', {}, "'snapshot' is a required property"],
    ['a body that is not an object', [], "[] is not of type 'object'"],
    ['a null body', null, "None is not of type 'object'"],
    ['snapshot not an object', { snapshot: 'x' }, "Invalid input for field/attribute snapshot. Value: x. 'x' is not of type 'object'"],
    ['missing volume_id', { snapshot: {} }, "Invalid input for field/attribute snapshot. Value: {}. 'volume_id' is a required property"],
    [
      'volume_id not a uuid',
      { snapshot: { volume_id: 'abc' } },
      "Invalid input for field/attribute volume_id. Value: abc. 'abc' is not valid under any of the given schemas",
    ],
    [
      'volume_id a number',
      { snapshot: { volume_id: 5 } },
      'Invalid input for field/attribute volume_id. Value: 5. 5 is not valid under any of the given schemas',
    ],
    [
      'upper-case urn form',
      { snapshot: { volume_id: `URN:UUID:${V}` } },
      `Invalid input for field/attribute volume_id. Value: URN:UUID:${V}. 'URN:UUID:${V}' is not valid under any of the given schemas`,
    ],
    ['name of 256 characters', snap({ name: A256 }), `Invalid input for field/attribute name. Value: ${A256}. '${A256}' is too long`],
    ['name as a number', snap({ name: 5 }), "Invalid input for field/attribute name. Value: 5. 5 is not of type 'string', 'null'"],
    [
      'description of 256 characters',
      snap({ description: A256 }),
      `Invalid input for field/attribute description. Value: ${A256}. '${A256}' is too long`,
    ],
    [
      'metadata key with bad characters',
      snap({ metadata: { 'a!b': 'x' } }),
      "Invalid input for field/attribute metadata. Value: {'a!b': 'x'}. 'a!b' does not match any of the regexes: '^[a-zA-Z0-9-_:. /]{1,255}$'",
    ],
    [
      'two bad metadata keys',
      snap({ metadata: { 'a!b': 'x', 'c@': 'y' } }),
      "Invalid input for field/attribute metadata. Value: {'a!b': 'x', 'c@': 'y'}. 'a!b', 'c@' do not match any of the regexes: '^[a-zA-Z0-9-_:. /]{1,255}$'",
    ],
    [
      'an empty metadata key',
      snap({ metadata: { '': 'x' } }),
      "Invalid input for field/attribute metadata. Value: {'': 'x'}. '' does not match any of the regexes: '^[a-zA-Z0-9-_:. /]{1,255}$'",
    ],
    ['metadata value of 256', snap({ metadata: { k: A256 } }), `Invalid input for field/attribute k. Value: ${A256}. '${A256}' is too long`],
    ['metadata value null', snap({ metadata: { k: null } }), "Invalid input for field/attribute k. Value: None. None is not of type 'string'"],
    [
      'metadata a list',
      snap({ metadata: [1, 'a'] }),
      "Invalid input for field/attribute metadata. Value: [1, 'a']. [1, 'a'] is not of type 'object', 'null'",
    ],
    ['force "abc"', snap({ force: 'abc' }), `Invalid input for field/attribute force. Value: abc. 'abc' is not one of ${BOOL_ENUM}`],
    ['force 1', snap({ force: 1 }), "Invalid input for field/attribute force. Value: 1. 1 is not of type 'boolean', 'string'"],
    ['force null', snap({ force: null }), "Invalid input for field/attribute force. Value: None. None is not of type 'boolean', 'string'"],
    ['force "T"', snap({ force: 'T' }), `Invalid input for field/attribute force. Value: T. 'T' is not one of ${BOOL_ENUM}`],
    [
      'an unknown property',
      snap({ foo: 1 }),
      `Invalid input for field/attribute snapshot. Value: {'volume_id': '${V}', 'foo': 1}. Additional properties are not allowed ('foo' was unexpected)`,
    ],
    [
      'display_description (not accepted on create)',
      snap({ display_description: 'x' }),
      `Invalid input for field/attribute snapshot. Value: {'volume_id': '${V}', 'display_description': 'x'}. Additional properties are not allowed ('display_description' was unexpected)`,
    ],
    ['an unknown top-level key', { snapshot: { volume_id: V }, foo: 1 }, "Additional properties are not allowed ('foo' was unexpected)"],
    [
      'a name error before a missing volume_id',
      { snapshot: { force: 1, name: 5, foo: 1 } },
      "Invalid input for field/attribute name. Value: 5. 5 is not of type 'string', 'null'",
    ],
  ])('%s', (_label, body, expected) => {
    expect(message(body)).toBe(expected);
  });

  it('a description with a quote and non-printables (repr in double quotes, escapes as Python)', () => {
    const text = "it's\u00e9\u0001\u00a0\u200b\ud83d\ude00\u2028x\n";
    const repr = `"it's\u00e9\\x01\\xa0\\u200b\ud83d\ude00\\u2028x\\n"`;
    const prefix = `Invalid input for field/attribute description. Value: ${text}. ${repr} does not match '^[\\\\ -`;
    expect(message(snap({ description: text })).startsWith(prefix)).toBe(true);
  });
});

describe('validateSnapshotCreate normalises', () => {
  it('returns the fields of a full request', () => {
    expect(
      validateSnapshotCreate(
        snap({ name: 'snap-001', description: 'Daily backup', force: true, metadata: { key: 'v3' } }),
      ),
    ).toEqual({
      volumeId: V,
      volumeIdAsGiven: V,
      name: 'snap-001',
      description: 'Daily backup',
      force: true,
      metadata: { key: 'v3' },
    });
  });

  it('defaults absent fields', () => {
    expect(validateSnapshotCreate(snap({}))).toEqual({
      volumeId: V,
      volumeIdAsGiven: V,
      name: null,
      description: null,
      force: undefined,
      metadata: {},
    });
  });

  it('strips name and description with Python whitespace rules after validating them', () => {
    const out = validateSnapshotCreate(snap({ name: '  padded \t', description: 'ok\n' }));
    expect(out.name).toBe('padded');
    expect(out.description).toBe('ok');
    expect(validateSnapshotCreate(snap({ name: '\u00a0x\u3000\u200b' })).name).toBe('x\u3000\u200b');
  });

  it('lets name win over display_name, even when name is null', () => {
    expect(validateSnapshotCreate(snap({ name: 'n', display_name: 'dn' })).name).toBe('n');
    expect(validateSnapshotCreate(snap({ name: null, display_name: 'dn' })).name).toBeNull();
    expect(validateSnapshotCreate(snap({ display_name: ' dn ' })).name).toBe('dn');
  });

  it.each([
    [true, true],
    ['yes', true],
    ['1', true],
    ['False', false],
    ['n', false],
  ])('reads force %j as %s', (force, expected) => {
    expect(validateSnapshotCreate(snap({ force })).force).toBe(expected);
  });

  it('canonicalises uuid-like volume ids and keeps the text as given', () => {
    const out = validateSnapshotCreate({ snapshot: { volume_id: `{${V.toUpperCase().replaceAll('-', '')}}` } });
    expect(out.volumeId).toBe(V);
    expect(out.volumeIdAsGiven).toBe(`{${V.toUpperCase().replaceAll('-', '')}}`);
  });

  it('passes a null volume_id through (Cinder answers 404 "Volume None could not be found.")', () => {
    expect(validateSnapshotCreate({ snapshot: { volume_id: null } }).volumeId).toBeNull();
  });

  it("accepts metadata keys with space and slash, and Python's trailing-newline quirk", () => {
    expect(validateSnapshotCreate(snap({ metadata: { 'a/b c': '', 'k\n': 'v' } })).metadata).toEqual({ 'a/b c': '', 'k\n': 'v' });
  });
});
