import { describe, expect, it } from 'vitest';
import { codePointLength } from './code-point-length.js';
import { compareCodePoints } from './code-point-compare.js';
import { pyStrip } from './py-strip.js';

describe('pyStrip', () => {
  it('strips what Python calls whitespace at both ends only', () => {
    expect(pyStrip('  padded \t')).toBe('padded');
    expect(pyStrip('\u00a0x\u3000\u200b')).toBe('x\u3000\u200b');
    expect(pyStrip('\x1c\x1f\x85 in \u2028')).toBe('in');
    expect(pyStrip('a  b')).toBe('a  b');
  });

  it('keeps U+FEFF and U+180E, which JavaScript trim() would remove', () => {
    expect(pyStrip('\ufeffx\ufeff')).toBe('\ufeffx\ufeff');
    expect(pyStrip('\u180ex')).toBe('\u180ex');
  });
});

describe('codePointLength', () => {
  it('counts code points like Python len()', () => {
    expect(codePointLength('😀'.repeat(255))).toBe(255);
    expect('😀'.repeat(255).length).toBe(510);
    expect(codePointLength('')).toBe(0);
  });
});

describe('compareCodePoints', () => {
  it("sorts like Python's sorted(), astral characters after the BMP", () => {
    expect(['\uffff', '😀', 'b', 'a', 'ab'].sort(compareCodePoints)).toEqual(['a', 'ab', 'b', '\uffff', '😀']);
    expect(['\uffff', '😀'].sort()).toEqual(['😀', '\uffff']);
  });
});
