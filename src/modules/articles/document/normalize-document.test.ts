import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../domain/errors.ts';
import type { DocumentTree } from './document.types.ts';
import { normalizeDocument } from './normalize-document.ts';

const VALID: DocumentTree = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Inside the ministry' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Read ' },
        {
          type: 'text',
          text: 'the leaked memo',
          marks: [{ type: 'link', attrs: { href: 'https://example.org/memo' } }, { type: 'bold' }],
        },
        { type: 'hardBreak' },
        { type: 'text', text: 'code', marks: [{ type: 'code' }] },
      ],
    },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] },
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'two' }] },
            {
              type: 'orderedList',
              attrs: { start: 3, type: 'i' },
              content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }],
            },
          ],
        },
      ],
    },
    {
      type: 'blockquote',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'quoted', marks: [{ type: 'italic' }, { type: 'strike' }] }],
        },
      ],
    },
    { type: 'horizontalRule' },
    {
      type: 'pullQuote',
      attrs: { attribution: 'A source' },
      content: [{ type: 'text', text: 'Lifted line' }],
    },
    {
      type: 'figure',
      attrs: { src: '/media/p.jpg', alt: 'Alt', caption: 'Caption', credit: 'Credit', media_id: 'med_1' },
    },
    {
      type: 'embed',
      attrs: { provider: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: 'Video' },
    },
  ],
};

function rejection(input: unknown): ValidationError {
  try {
    normalizeDocument(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

const withBlock = (block: unknown) => ({ type: 'doc', content: [{ type: 'paragraph' }, block] });

describe('normalizeDocument', () => {
  it('accepts a valid tree unchanged', () => {
    const copy = structuredClone(VALID);
    expect(normalizeDocument(copy)).toEqual(VALID);
    expect(copy).toEqual(VALID); // the input is not modified either
  });

  it('fills attribute defaults and sorts marks into canonical order', () => {
    const out = normalizeDocument({
      type: 'doc',
      content: [
        { type: 'figure', attrs: { src: 'https://cdn.example/a.jpg' } },
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'x', marks: [{ type: 'italic' }, { type: 'bold' }] }],
        },
      ],
    });
    expect(out.content[0]).toEqual({
      type: 'figure',
      attrs: { src: 'https://cdn.example/a.jpg', alt: '', caption: '', credit: '', media_id: null },
    });
    expect(out.content[1]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'x', marks: [{ type: 'bold' }, { type: 'italic' }] }],
    });
  });

  it.each([
    ['an unknown node type', withBlock({ type: 'script', content: [] }), 'content.1.type'],
    [
      'an unknown inline node',
      withBlock({ type: 'paragraph', content: [{ type: 'image', attrs: { src: '/a.png' } }] }),
      'content.1.content.0.type',
    ],
    [
      'an unknown mark',
      withBlock({
        type: 'paragraph',
        content: [{ type: 'text', text: 'u', marks: [{ type: 'underline' }] }],
      }),
      'content.1.content.0.marks.0.type',
    ],
    [
      'an unknown attribute',
      withBlock({ type: 'figure', attrs: { src: '/a.png', onerror: 'alert(1)' } }),
      'content.1.attrs',
    ],
    [
      'a style attribute on a paragraph',
      withBlock({ type: 'paragraph', attrs: { style: 'color:red' } }),
      'content.1',
    ],
    [
      'a wrong attribute type',
      withBlock({ type: 'heading', attrs: { level: '2' } }),
      'content.1.attrs.level',
    ],
    [
      'a heading level outside 2-4',
      withBlock({ type: 'heading', attrs: { level: 1 } }),
      'content.1.attrs.level',
    ],
    [
      'a link with extra attributes',
      withBlock({
        type: 'paragraph',
        content: [
          { type: 'text', text: 'a', marks: [{ type: 'link', attrs: { href: '/a', target: '_blank' } }] },
        ],
      }),
      'content.1.content.0.marks.0.attrs',
    ],
    [
      'a javascript: link',
      withBlock({
        type: 'paragraph',
        content: [
          { type: 'text', text: 'a', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
        ],
      }),
      'content.1.content.0.marks.0.attrs.href',
    ],
    [
      'a protocol-relative link',
      withBlock({
        type: 'paragraph',
        content: [{ type: 'text', text: 'a', marks: [{ type: 'link', attrs: { href: '//evil.example' } }] }],
      }),
      'content.1.content.0.marks.0.attrs.href',
    ],
    [
      'a data: image',
      withBlock({ type: 'figure', attrs: { src: 'data:image/png;base64,xx' } }),
      'content.1.attrs.src',
    ],
    [
      'an embed from an unknown host',
      withBlock({
        type: 'embed',
        attrs: { provider: 'youtube', url: 'https://evil.example/watch?v=dQw4w9WgXcQ' },
      }),
      'content.1.attrs.url',
    ],
    [
      'an embed whose url belongs to another provider',
      withBlock({
        type: 'embed',
        attrs: { provider: 'vimeo', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
      }),
      'content.1.attrs.url',
    ],
    [
      'an empty text node',
      withBlock({ type: 'paragraph', content: [{ type: 'text', text: '' }] }),
      'content.1.content.0.text',
    ],
    [
      'a list item not starting with a paragraph',
      withBlock({
        type: 'bulletList',
        content: [{ type: 'listItem', content: [{ type: 'horizontalRule' }] }],
      }),
      'content.1.content.0',
    ],
    [
      'marks inside a pull quote',
      withBlock({ type: 'pullQuote', content: [{ type: 'text', text: 'q', marks: [{ type: 'bold' }] }] }),
      'content.1.content.0',
    ],
    [
      'code combined with bold',
      withBlock({
        type: 'paragraph',
        content: [{ type: 'text', text: 'c', marks: [{ type: 'bold' }, { type: 'code' }] }],
      }),
      'content.1.content.0',
    ],
    [
      'a block inside a paragraph',
      withBlock({ type: 'paragraph', content: [{ type: 'horizontalRule' }] }),
      'content.1.content.0.type',
    ],
    ['an empty document', { type: 'doc', content: [] }, 'content'],
    ['not a document', { type: 'paragraph' }, 'type'],
  ])('rejects %s, naming the path', (_label, input, path) => {
    const error = rejection(input);
    expect(error.details).toMatchObject({ path: expect.stringContaining(path) });
    expect(error.message).toMatch(/^invalid article body at /);
  });

  it.each([null, undefined, 42, 'a string', [], { type: 'doc' }, { type: 'doc', content: 'x' }])(
    'rejects %j with ValidationError only',
    (input) => {
      rejection(input);
    },
  );

  it('rejects absurdly deep trees without overflowing the stack', () => {
    let node: Record<string, unknown> = { type: 'paragraph' };
    for (let i = 0; i < 100_000; i++) node = { type: 'blockquote', content: [node] };
    const error = rejection({ type: 'doc', content: [node] });
    expect(error.message).toMatch(/nested more than/);
  });

  it('turns a throwing getter into a ValidationError', () => {
    const evil = {
      type: 'doc',
      get content(): unknown {
        throw new Error('boom');
      },
    };
    rejection(evil);
  });

  it('canonicalises an allowed embed URL and trims link whitespace', () => {
    const out = normalizeDocument({
      type: 'doc',
      content: [
        { type: 'embed', attrs: { provider: 'youtube', url: 'https://youtu.be/dQw4w9WgXcQ' } },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'a', marks: [{ type: 'link', attrs: { href: ' https://example.org/ ' } }] },
          ],
        },
      ],
    });
    expect(out.content[0]).toEqual({
      type: 'embed',
      attrs: { provider: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: '' },
    });
    expect(out.content[1]).toMatchObject({
      content: [{ marks: [{ type: 'link', attrs: { href: 'https://example.org/' } }] }],
    });
  });
});
