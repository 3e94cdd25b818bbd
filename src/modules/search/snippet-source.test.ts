import { describe, expect, it } from 'vitest';
import { renderText } from '../articles/document/index.ts';
import { snippetSource } from './snippet-source.ts';

const MARKUP = /[<>]|&[a-z#0-9]+;|\*\*|__|~~|`|^\s*(?:>|- |\d+\. )|\[Photo|\(https?:/m;

describe('what a search snippet is cut from', () => {
  it('drops the plain text structure markers: quotes, list items, links, photos, rules', () => {
    const text = renderText({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Prices rose.' }] },
        {
          type: 'blockquote',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A press release.' }] }],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'bread' }] }],
            },
          ],
        },
        {
          type: 'orderedList',
          attrs: { start: 1, type: null },
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'milk' }] }] },
          ],
        },
        { type: 'horizontalRule' },
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'the bank',
              marks: [{ type: 'link', attrs: { href: 'https://bank.example/r' } }],
            },
          ],
        },
        {
          type: 'figure',
          attrs: { src: '/a.jpg', alt: '', caption: 'The market', credit: 'Ilmara', mediaId: null },
        },
      ],
    } as Parameters<typeof renderText>[0]);
    expect(text).toMatch(MARKUP);
    const source = snippetSource(text);
    expect(source).not.toMatch(MARKUP);
    expect(source.replace(/\s+/g, ' ').trim()).toBe(
      'Prices rose. A press release. bread milk the bank The market — Ilmara',
    );
  });

  it('decodes escaped entities, even twice escaped, and drops tags and markdown emphasis', () => {
    expect(snippetSource('Salt &amp; pepper &amp;amp; more &#8212; &#x41;&lt;b&gt;')).toBe(
      'Salt & pepper & more — A ',
    );
    expect(snippetSource('A <b>bold</b> and <a href="/x">linked</a> word<br/>')).toBe(
      'A bold and linked word ',
    );
    expect(snippetSource('Very **strong** and __heavy__ and *soft* and `code` and ~~gone~~')).toBe(
      'Very strong and heavy and soft and code and gone',
    );
    expect(snippetSource('## A heading\n* * *')).toBe('A heading\n');
  });

  it('keeps ordinary punctuation and words in any script', () => {
    expect(snippetSource('Цены выросли на 5% (по данным банка), — сказал он.')).toBe(
      'Цены выросли на 5% (по данным банка), — сказал он.',
    );
    expect(snippetSource('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
  });
});
