import { describe, expect, it } from 'vitest';
import type { DocumentTree } from './document.types.ts';
import { excerpt } from './excerpt.ts';
import { parseHtml } from './parse-html.ts';
import { renderText } from './render-text.ts';

describe('renderText', () => {
  it('renders readable plain text', () => {
    const doc = parseHtml(
      '<h2>The story</h2><p>First <b>paragraph</b> with <a href="https://example.org/doc">the document</a>.</p>' +
        '<p>Line one<br>line two</p>' +
        '<ul><li>apples</li><li>pears<ul><li>green</li></ul></li></ul><ol start="3"><li>third</li><li>fourth</li></ol>' +
        '<blockquote><p>Quoted</p><p>twice</p></blockquote><hr>' +
        '<figure><img src="/p.jpg" alt="alt text"><figcaption>Director X. <span class="credit">Photographer / Agency</span></figcaption></figure>' +
        '<figure><img src="/q.jpg" alt="Only alt"></figure>' +
        '<aside class="pull-quote"><p>Big line</p><cite>Jane</cite></aside>' +
        '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Talk"></iframe>' +
        '<p>Mail <a href="mailto:tips@example.org">tips@example.org</a> or see <a href="https://example.org/">https://example.org/</a></p>',
    );
    expect(renderText(doc)).toBe(
      [
        'The story',
        'First paragraph with the document (https://example.org/doc).',
        'Line one\nline two',
        '- apples\n- pears\n  - green',
        '3. third\n4. fourth',
        '> Quoted\n>\n> twice',
        '* * *',
        '[Photo: Director X. — Photographer / Agency]',
        '[Photo: Only alt]',
        '“Big line”\n— Jane',
        'Watch on YouTube: Talk (https://www.youtube.com/watch?v=dQw4w9WgXcQ)',
        'Mail tips@example.org or see https://example.org/',
      ].join('\n\n'),
    );
  });

  it('makes relative links absolute when given a baseUrl', () => {
    const doc = parseHtml('<p><a href="/about">About us</a></p>');
    expect(renderText(doc)).toBe('About us (/about)');
    expect(renderText(doc, { baseUrl: 'https://news.example' })).toBe(
      'About us (https://news.example/about)',
    );
  });

  it('keeps text characters as they are (no HTML escaping in plain text)', () => {
    const doc: DocumentTree = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a < b & "c"' }] }],
    };
    expect(renderText(doc)).toBe('a < b & "c"');
  });
});

describe('excerpt', () => {
  const doc = parseHtml(
    '<figure><img src="/p.jpg"><figcaption>Not in the excerpt</figcaption></figure>' +
      '<h2>Heading</h2><p>The quick brown fox jumps over the lazy dog, again and again.</p><p>Second paragraph.</p>',
  );

  it('returns the whole prose when it fits', () => {
    expect(excerpt(doc, 500)).toBe(
      'Heading The quick brown fox jumps over the lazy dog, again and again. Second paragraph.',
    );
  });

  it('cuts at a word boundary, adds an ellipsis, and stays within the limit', () => {
    for (const max of [10, 20, 25, 33, 50, 70]) {
      const out = excerpt(doc, max);
      expect(Array.from(out).length).toBeLessThanOrEqual(max);
      expect(out.endsWith('…')).toBe(true);
      const words = out.slice(0, -1).split(' ');
      const full =
        'Heading The quick brown fox jumps over the lazy dog again and again Second paragraph'.split(' ');
      // every word kept is a whole word of the text, in order
      words.forEach((w, i) => expect(w.replace(/,$/, '')).toBe(full[i]));
    }
    expect(excerpt(doc, 25)).toBe('Heading The quick brown…');
    expect(excerpt(doc, 50)).toBe('Heading The quick brown fox jumps over the lazy…');
    // "dog," would be followed by the ellipsis: the comma goes.
    expect(excerpt(doc, 54)).toBe('Heading The quick brown fox jumps over the lazy dog…');
  });

  it('cuts a single overlong word rather than returning nothing, without splitting emoji', () => {
    const long = parseHtml('<p>Antidisestablishmentarianism</p>');
    expect(excerpt(long, 10)).toBe('Antidises…');
    const emoji = parseHtml('<p>😀😀😀😀😀😀</p>');
    expect(excerpt(emoji, 4)).toBe('😀😀😀…');
  });
});
