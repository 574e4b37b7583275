import { describe, expect, it } from 'vitest';
import { CinderHttpError } from '../errors/cinder-http-error.js';
import { ApiVersion } from '../microversions/api-version.js';
import { validateVolumeCreate } from './validate-volume-create.js';

const V30 = ApiVersion.of('3.0');
const V353 = ApiVersion.of('3.53');
const U = '11111111-2222-3333-4444-555555555555';
const GENERIC_400 = 'The server could not comply with the request since it is either malformed or otherwise incorrect.';
const SIZE_MSG = (size: string) =>
  `Invalid input received: Invalid volume size provided for create request: ${size} ` +
  '(size argument must be an integer (or string representation of an integer) and greater than zero).';
const MULTIATTACH =
  'multiattach parameter has been removed. The default behavior is to use multiattach enabled volume types. ' +
  'Contact your administrator to create a multiattach enabled volume type and use it to create multiattach volumes.';

function failure(body: unknown, version = V30): { status: number; message: string } {
  try {
    validateVolumeCreate(body, version);
  } catch (e) {
    if (e instanceof CinderHttpError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error('expected a failure');
}

const vol = (fields: object) => ({ volume: fields });

// Expected statuses and messages are what the reference Cinder (21.3.1) answered, at 3.0 and at 3.53.
describe('validateVolumeCreate refuses like Cinder', () => {
  it.each<[string, unknown, number, string]>([
    ['no volume', {}, 400, "'volume' is a required property"],
    ['volume not an object', { volume: 'x' }, 400, "Invalid input for field/attribute volume. Value: x. 'x' is not of type 'object'"],
    ['no size and no source', vol({}), 400, GENERIC_400],
    ['a null size and no source', vol({ size: null }), 400, GENERIC_400],
    ['size "abc"', vol({ size: 'abc' }), 400, "Invalid input for field/attribute size. Value: abc. 'abc' does not match '^[0-9]+$'"],
    ['size 0', vol({ size: 0 }), 400, 'Invalid input for field/attribute size. Value: 0. 0 is less than the minimum of 1'],
    ['size "0"', vol({ size: '0' }), 400, 'Invalid input for field/attribute size. Value: 0. 0 is less than the minimum of 1'],
    ['size -1', vol({ size: -1 }), 400, 'Invalid input for field/attribute size. Value: -1. -1 is less than the minimum of 1'],
    ['size "-1"', vol({ size: '-1' }), 400, "Invalid input for field/attribute size. Value: -1. '-1' does not match '^[0-9]+$'"],
    [
      'size 2147483648',
      vol({ size: 2147483648 }),
      400,
      'Invalid input for field/attribute size. Value: 2147483648. 2147483648 is greater than the maximum of 2147483647',
    ],
    [
      'size "99999999999"',
      vol({ size: '99999999999' }),
      400,
      'Invalid input for field/attribute size. Value: 99999999999. 99999999999 is greater than the maximum of 2147483647',
    ],
    ['size 1.5', vol({ size: 1.5 }), 400, "Invalid input for field/attribute size. Value: 1.5. 1.5 is not of type 'integer', 'string', 'null'"],
    ['size true', vol({ size: true }), 400, "Invalid input for field/attribute size. Value: True. True is not of type 'integer', 'string', 'null'"],
    ['size "01"', vol({ size: '01' }), 400, SIZE_MSG('01')],
    ['size "5\\n"', vol({ size: '5\n' }), 400, SIZE_MSG('5\n')],
    ['multiattach true', vol({ size: 1, multiattach: true }), 400, MULTIATTACH],
    ['multiattach "yes"', vol({ size: 1, multiattach: 'yes' }), 400, MULTIATTACH],
    [
      'multiattach "abc"',
      vol({ size: 1, multiattach: 'abc' }),
      400,
      "Invalid input for field/attribute multiattach. Value: abc. 'abc' is not valid under any of the given schemas",
    ],
    ['name of 256', vol({ size: 1, name: 'a'.repeat(256) }), 400, 'Invalid input received: name has 256 characters, more than 255.'],
    [
      'display_description of 256',
      vol({ size: 1, display_description: 'a'.repeat(256) }),
      400,
      'Invalid input received: description has 256 characters, more than 255.',
    ],
    ['display_name 5', vol({ size: 1, display_name: 5 }), 400, "Invalid input for field/attribute display_name. Value: 5. 5 is not of type 'string', 'null'"],
    ['empty availability zone', vol({ size: 1, availability_zone: '' }), 400, "Invalid input for field/attribute availability_zone. Value: . '' is too short"],
    [
      'snapshot_id not a uuid',
      vol({ size: 1, snapshot_id: 'abc' }),
      400,
      "Invalid input for field/attribute snapshot_id. Value: abc. 'abc' is not valid under any of the given schemas",
    ],
    ['a metadata value null', vol({ size: 1, metadata: { k: null } }), 400, "Invalid input for field/attribute k. Value: None. None is not of type 'string'"],
    ['an unknown top-level key', { volume: { size: 1 }, foo: 2 }, 400, "Additional properties are not allowed ('foo' was unexpected)"],
    [
      'scheduler hints not an object',
      { volume: { size: 1 }, 'OS-SCH-HNT:scheduler_hints': 3 },
      400,
      "Invalid input for field/attribute OS-SCH-HNT:scheduler_hints. Value: 3. 3 is not of type 'object', 'null'",
    ],
    [
      'a same_host hint that is not a uuid list',
      { volume: { size: 1 }, 'OS-SCH-HNT:scheduler_hints': { same_host: ['x'] } },
      400,
      "Invalid input for field/attribute same_host. Value: ['x']. ['x'] is not valid under any of the given schemas",
    ],
    ['a backup id', vol({ size: 1, backup_id: U }), 404, `Backup ${U} could not be found.`],
    ['a consistency group id', vol({ size: 1, consistencygroup_id: U }), 404, `Group ${U} could not be found.`],
    ['a group id', vol({ size: 1, group_id: U }), 404, `Group ${U} could not be found.`],
    ['an image', vol({ size: 1, imageRef: U }), 400, 'Invalid image identifier or unable to access requested image.'],
    ['an image_id', vol({ size: 1, image_id: 'x' }), 400, 'Invalid image identifier or unable to access requested image.'],
    [
      'both a snapshot and a source volume (Cinder looks both up first, so unknown ids are a 404 there)',
      vol({ snapshot_id: U, source_volid: U }),
      400,
      'Invalid input received: May specify only one of backup, imageRef, snapshot, source volume',
    ],
  ])('%s', (_label, body, status, message) => {
    expect(failure(body, V30)).toEqual({ status, message });
    expect(failure(body, V353)).toEqual({ status, message });
  });

  it('refuses unknown keys in volume from 3.53 only', () => {
    expect(() => validateVolumeCreate(vol({ size: 1, foo: 1 }), ApiVersion.of('3.52'))).not.toThrow();
    expect(failure(vol({ size: 1, foo: 1 }), V353)).toEqual({
      status: 400,
      message:
        "Invalid input for field/attribute volume. Value: {'size': 1, 'foo': 1}. Additional properties are not allowed ('foo' was unexpected)",
    });
  });

  it('validates backup_id as a uuid from 3.47', () => {
    expect(failure(vol({ size: 1, backup_id: 'nope' }), ApiVersion.of('3.47')).message).toBe(
      "Invalid input for field/attribute backup_id. Value: nope. 'nope' is not valid under any of the given schemas",
    );
    expect(failure(vol({ size: 1, backup_id: 'nope' }), ApiVersion.of('3.46'))).toEqual({
      status: 404,
      message: 'Backup nope could not be found.',
    });
  });
});

describe('validateVolumeCreate normalises', () => {
  it('accepts the api-ref sample request with its null keys and scheduler hints', () => {
    const body = {
      volume: {
        size: 10,
        availability_zone: null,
        source_volid: null,
        description: null,
        multiattach: false,
        snapshot_id: null,
        backup_id: null,
        name: null,
        imageRef: null,
        volume_type: null,
        metadata: {},
        consistencygroup_id: null,
      },
      'OS-SCH-HNT:scheduler_hints': { same_host: ['a0cf03a5-d921-4877-bb5c-86d26cf818e1', '8c19174f-4220-44f0-824a-cd1eeef10287'] },
    };
    expect(validateVolumeCreate(body, ApiVersion.of('3.65'))).toEqual({
      size: 10,
      name: null,
      description: null,
      metadata: {},
      snapshotId: null,
      sourceVolid: null,
      volumeType: null,
      availabilityZone: null,
    });
  });

  it('reads a digit-string size, strips texts and lets name win over display_name', () => {
    const out = validateVolumeCreate(
      vol({ size: '2', name: ' nm ', display_name: 'dn', description: 'a\nb ', metadata: { 'a/b': 'v' }, volume_type: 'gold' }),
      V30,
    );
    expect(out).toMatchObject({ size: 2, name: 'nm', description: 'a\nb', metadata: { 'a/b': 'v' }, volumeType: 'gold' });
  });

  it('leaves size to the source when cloning a snapshot or volume', () => {
    expect(validateVolumeCreate(vol({ snapshot_id: U.toUpperCase() }), V30)).toMatchObject({ size: null, snapshotId: U });
    expect(validateVolumeCreate(vol({ source_volid: U, size: 3 }), V30)).toMatchObject({ size: 3, sourceVolid: U });
  });

  it('counts the 255-character name limit after stripping', () => {
    expect(validateVolumeCreate(vol({ size: 1, display_name: `  ${'b'.repeat(255)}  ` }), V30).name).toBe('b'.repeat(255));
  });

  it('takes a null multiattach as not requested (Cinder: "Value \'None\' … is not a boolean.")', () => {
    expect(() => validateVolumeCreate(vol({ size: 1, multiattach: null }), V30)).not.toThrow();
    expect(() => validateVolumeCreate(vol({ size: 1, multiattach: 'no' }), V30)).not.toThrow();
  });

  it('treats an empty volume_type as the default type', () => {
    expect(validateVolumeCreate(vol({ size: 1, volume_type: '' }), V30).volumeType).toBeNull();
  });
});
