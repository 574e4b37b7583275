import { describe, expect, it } from 'vitest';
import { validateSnapshotUpdate } from './validate-snapshot-update.js';

describe('validateSnapshotUpdate', () => {
  // Messages as answered by the reference Cinder for the same bodies.
  it.each<[string, unknown, string]>([
    [
      'an empty snapshot',
      { snapshot: {} },
      'Invalid input for field/attribute snapshot. Value: {}. {} is not valid under any of the given schemas',
    ],
    [
      'an unknown key, reported before the missing fields',
      { snapshot: { foo: 1 } },
      "Invalid input for field/attribute snapshot. Value: {'foo': 1}. Additional properties are not allowed ('foo' was unexpected)",
    ],
    [
      'force, which only create accepts',
      { snapshot: { force: true } },
      "Invalid input for field/attribute snapshot. Value: {'force': True}. Additional properties are not allowed ('force' was unexpected)",
    ],
    ['a numeric name', { snapshot: { name: 5 } }, "Invalid input for field/attribute name. Value: 5. 5 is not of type 'string', 'null'"],
    ['no snapshot', {}, "'snapshot' is a required property"],
  ])('refuses %s', (_label, body, message) => {
    expect(() => validateSnapshotUpdate(body)).toThrow(message);
  });

  it('refuses a tab in display_description like in description', () => {
    expect(() => validateSnapshotUpdate({ snapshot: { display_description: 'a\tb' } })).toThrow(
      /^Invalid input for field\/attribute display_description\. Value: a\tb\. 'a\\tb' does not match '\^\[/,
    );
  });

  it('returns only the fields sent, stripped, with name/description winning over display_*', () => {
    expect(validateSnapshotUpdate({ snapshot: { name: ' x ', display_name: 'y', description: null } })).toEqual({
      name: 'x',
      description: null,
    });
    expect(validateSnapshotUpdate({ snapshot: { display_name: 'dn', display_description: ' dd ' } })).toEqual({
      name: 'dn',
      description: 'dd',
    });
    expect(validateSnapshotUpdate({ snapshot: { description: '' } })).toEqual({ description: '' });
  });
});
