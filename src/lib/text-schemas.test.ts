import { describe, expect, it } from 'vitest';
import { hasControlCharacter, hasControlCharacterDeep, multiLine, singleLine } from './text-schemas.ts';

const controls = [...Array(32).keys(), 0x7f].map((c) => String.fromCharCode(c));
const lineBreaks = ['\t', '\n', '\r'];

describe('text rules', () => {
  it('a single line refuses every C0 control and DEL, line breaks included', () => {
    for (const c of controls)
      expect(singleLine(50).safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
    expect(singleLine(50).parse('  Grain prices  ')).toBe('Grain prices');
  });

  it('a multi-line field keeps tab, line feed and carriage return and refuses the rest', () => {
    for (const c of controls) {
      expect(multiLine(50).safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(lineBreaks.includes(c));
    }
  });

  it('lets every other character through, whatever the script', () => {
    const text = 'Ёлка · ‘quotes’ — 東京 \u00a0 emoji 🗞️ \u200b';
    expect(hasControlCharacter(text)).toBe(false);
    expect(singleLine(100).parse(text)).toBe(text.trim());
  });

  it('counts the limit in characters and says so', () => {
    const res = singleLine(3).safeParse('abcd');
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.message).toBe('must be at most 3 characters');
  });

  it('finds a control character anywhere in a JSON value, keys included', () => {
    expect(hasControlCharacterDeep({ a: [{ b: 'ok' }, 'fine\n'] })).toBe(false);
    expect(hasControlCharacterDeep({ a: [{ b: 'x\u0000' }] })).toBe(true);
    expect(hasControlCharacterDeep({ ['k\u0000']: 1 })).toBe(true);
    expect(hasControlCharacterDeep([1, null, true])).toBe(false);
  });
});
