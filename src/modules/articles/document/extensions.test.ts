import { generateHTML } from '@tiptap/html/server';
import { describe, expect, it } from 'vitest';
import type { DocumentTree } from './document.types.ts';
import { documentExtensions } from './extensions.ts';
import { parseHtml } from './parse-html.ts';

// The editor copies and pastes through the schema's own renderHTML/parseHTML: what it writes to
// the clipboard must come back as the same tree.
const TREE: DocumentTree = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Sub' }] },
    {
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: 'link',
          marks: [{ type: 'link', attrs: { href: 'https://example.org/' } }, { type: 'italic' }],
        },
        { type: 'hardBreak' },
        { type: 'text', text: 'code', marks: [{ type: 'code' }] },
      ],
    },
    { type: 'pullQuote', attrs: { attribution: 'Jane Doe' }, content: [{ type: 'text', text: 'Quote' }] },
    {
      type: 'figure',
      attrs: { src: '/media/a.jpg', alt: 'Alt', caption: 'Caption', credit: 'Credit', media_id: 'med_9' },
    },
    {
      type: 'embed',
      attrs: { provider: 'flourish', url: 'https://public.flourish.studio/story/12345/', title: 'Story' },
    },
    {
      type: 'orderedList',
      attrs: { start: 5, type: 'a' },
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] },
      ],
    },
  ],
};

describe('documentExtensions', () => {
  it('parses its own rendered HTML back to the same tree', () => {
    const html = generateHTML(TREE, documentExtensions);
    expect(html).not.toMatch(/<iframe|target=/);
    expect(parseHtml(html)).toEqual(TREE);
  });
});
