import { describe, expect, it } from 'vitest';
import type { DocumentTree } from './document.types.ts';
import { normalizeDocument } from './normalize-document.ts';
import { figuresOf, replaceFigures } from './replace-figures.ts';

const figure = (src: string) => ({
  type: 'figure' as const,
  attrs: { src, alt: '', caption: '', credit: '', media_id: null },
});
const para = (text: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] });

describe('replaceFigures', () => {
  const tree: DocumentTree = {
    type: 'doc',
    content: [
      para('Before.'),
      figure('https://a.example/1.jpg'),
      { type: 'blockquote', content: [figure('https://a.example/2.jpg')] },
      {
        type: 'bulletList',
        content: [{ type: 'listItem', content: [figure('https://a.example/3.jpg'), para('Item.')] }],
      },
    ],
  };

  it('finds every figure, nested ones included, in document order', () => {
    expect(figuresOf(tree).map((f) => f.src)).toEqual([1, 2, 3].map((n) => `https://a.example/${n}.jpg`));
  });

  it('rewrites figures and leaves everything else as it was', () => {
    const out = replaceFigures(tree, (attrs) => ({
      ...attrs,
      src: attrs.src.replace('https://a.example', '/media'),
      media_id: 'm',
    }));
    expect(figuresOf(out).map((f) => [f.src, f.media_id])).toEqual([
      ['/media/1.jpg', 'm'],
      ['/media/2.jpg', 'm'],
      ['/media/3.jpg', 'm'],
    ]);
    expect(out.content[0]).toEqual(para('Before.'));
    expect(figuresOf(tree)[0]!.media_id).toBeNull();
  });

  it('removes figures and leaves a tree the schema accepts', () => {
    const out = replaceFigures(tree, () => null);
    expect(figuresOf(out)).toEqual([]);
    expect(normalizeDocument(out)).toEqual(out);
    expect(replaceFigures({ type: 'doc', content: [figure('https://a.example/1.jpg')] }, () => null)).toEqual(
      {
        type: 'doc',
        content: [{ type: 'paragraph' }],
      },
    );
  });
});
