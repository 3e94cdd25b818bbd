import { describe, expect, it } from 'vitest';
import { buildSnippet } from './snippet.ts';

const marked = (s: { text: string; highlights: Array<[number, number]> }) =>
  s.highlights.map(([a, b]) => s.text.slice(a, b));

describe('buildSnippet', () => {
  it('highlights the inflected words of the text, not the stems', () => {
    const s = buildSnippet(
      'Власти задержали двух журналистов. Журналист Иванов на свободе.',
      'журналист',
      'ru',
    );
    expect(marked(s)).toEqual(['журналистов', 'Журналист']);
    expect(marked(buildSnippet('She was publishing it. It is published.', 'publishes', 'en'))).toEqual([
      'publishing',
      'published',
    ]);
  });

  it('finds words whatever the query language and the text folding', () => {
    const s = buildSnippet('Ещё одна ЁЛКА и café', 'елки CAFE', 'ru');
    expect(marked(s)).toEqual(['ЁЛКА', 'café']);
  });

  it('respects maxChars and picks the stretch with the most matches', () => {
    const filler = 'Lorem ipsum dolor sit amet consectetur. '.repeat(20);
    const text = `Censorship is mentioned once here. ${filler} Censors fear censorship and censorship fears the press. ${filler}`;
    for (const maxChars of [40, 80, 220]) {
      const s = buildSnippet(text, 'censorship', 'en', { maxChars });
      expect(s.text.length).toBeLessThanOrEqual(maxChars);
      expect(s.text.startsWith('…')).toBe(true);
      expect(s.text.endsWith('…')).toBe(true);
    }
    const s = buildSnippet(text, 'censorship', 'en', { maxChars: 120 });
    expect(marked(s)).toEqual(['censorship', 'censorship']);
    expect(s.text).toContain('Censors fear censorship and censorship fears the press.');
  });

  it('starts at the beginning when nothing matches, and cuts at word boundaries', () => {
    const s = buildSnippet('One two three four five six seven eight nine ten eleven twelve', 'zebra', 'en', {
      maxChars: 25,
    });
    expect(s).toEqual({ text: 'One two three four five…', highlights: [] });
  });

  it('collapses whitespace and never splits a surrogate pair', () => {
    expect(buildSnippet('a\n\n  b\tc', 'b', 'en').text).toBe('a b c');
    const s = buildSnippet('🙂'.repeat(100), 'x', 'en', { maxChars: 25 });
    expect(s.text.length).toBeLessThanOrEqual(25);
    expect(s.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
