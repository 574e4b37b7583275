import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CinderHttpError } from '../errors/cinder-http-error.js';
import { DESCRIPTION_PATTERN } from './description-pattern.js';
import { validateSnapshotCreate } from './validate-snapshot-create.js';

const oracle = JSON.parse(
  readFileSync(new URL('./__fixtures__/description-newline.oracle.json', import.meta.url), 'utf8'),
) as { request: unknown; status: number; response: unknown };

describe('DESCRIPTION_PATTERN', () => {
  const accepted = ['Daily backup', '', 'é ü ñ 中文 ¡', 'x\u00a0y\u3000z', '\ufffd', 'trailing newline\n', '\n'];

  it.each(accepted)('accepts %j', (text) => {
    expect(DESCRIPTION_PATTERN.test(text)).toBe(true);
  });

  it.each([
    ['a newline inside', 'a\nb'],
    ['two trailing newlines', 'x\n\n'],
    ['a tab', 'a\tb'],
    ['a control character', 'a\u0001'],
    ['a soft hyphen (Cf)', 'soft\u00adhyphen'],
    ['a zero-width joiner (Cf)', 'a\u200db'],
    ['a line separator (Zl)', 'a\u2028b'],
    ['an emoji (astral)', 'snap 😀'],
    ['a private-use character', '\ue000'],
    ['U+FFFE', '\ufffe'],
    ['a character unassigned in Unicode 14', '\u0cf3'],
  ])('refuses %s', (_label, text) => {
    expect(DESCRIPTION_PATTERN.test(text)).toBe(false);
  });

  it('agrees with Unicode properties except for characters assigned after Unicode 14', () => {
    const printable = /^(?![\p{C}\p{Zl}\p{Zp}])[\s\S]$/u;
    const disagreements: number[] = [];
    for (let cp = 0; cp <= 0xfffe; cp++) {
      const ch = String.fromCodePoint(cp);
      // Lone surrogates are not text; "\n" alone passes through Python's `$` leniency.
      if ((cp >= 0xd800 && cp <= 0xdfff) || cp === 0x0a) continue;
      if (printable.test(ch) !== DESCRIPTION_PATTERN.test(ch)) disagreements.push(cp);
    }
    // Every disagreement is a character our data (Unicode 14) refuses and a newer Unicode knows.
    expect(disagreements.every((cp) => !DESCRIPTION_PATTERN.test(String.fromCodePoint(cp)))).toBe(true);
    expect(disagreements.length).toBeLessThan(100);
  });

  it("quotes Cinder's pattern text byte for byte in the error (oracle response for a newline)", () => {
    let error: unknown;
    try {
      validateSnapshotCreate(oracle.request);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CinderHttpError);
    expect((error as CinderHttpError).status).toBe(oracle.status);
    expect((error as CinderHttpError).toBody()).toEqual(oracle.response);
  });
});
