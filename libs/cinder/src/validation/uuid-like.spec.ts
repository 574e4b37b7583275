import { describe, expect, it } from 'vitest';
import { canonicalUuid, isUuidLike } from './uuid-like.js';

const ID = 'ba4ef252-761f-454a-914b-d0324fd63e75';

describe('isUuidLike (oslo is_uuid_like)', () => {
  it.each([
    ID,
    ID.toUpperCase(),
    ID.replaceAll('-', ''),
    `{${ID}}`,
    `{{${ID}}}`,
    `urn:uuid:${ID}`,
    `uuid:${ID.replaceAll('-', '')}`,
    `${ID}-`,
    'b-a4ef252761f454a914bd0324fd63e75',
  ])('accepts %s', (value) => {
    expect(isUuidLike(value)).toBe(true);
  });

  it.each([`URN:UUID:${ID}`, ` ${ID}`, `${ID}0`, ID.slice(1), 'abc', '', 5, null, `${ID.slice(0, -1)}g`])(
    'refuses %j',
    (value) => {
      expect(isUuidLike(value)).toBe(false);
    },
  );
});

describe('canonicalUuid', () => {
  it('normalises every accepted form to lower-case 8-4-4-4-12', () => {
    expect(canonicalUuid(`{${ID.toUpperCase().replaceAll('-', '')}}`)).toBe(ID);
    expect(canonicalUuid(`urn:uuid:${ID}`)).toBe(ID);
    expect(canonicalUuid('nope')).toBeUndefined();
  });
});
