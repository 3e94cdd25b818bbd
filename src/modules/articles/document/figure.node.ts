import { Node } from '@tiptap/core';
import type { DOMOutputSpec } from '@tiptap/pm/model';
import { cleanText, textOf, textWithout } from './dom-text.ts';
import { safeImageSrc } from './url-rules.ts';

// A photo (or other image) in the body, with the caption and the credit a newsroom owes its
// photographers. `media_id` links it to our media library so renderers can ask for resized
// variants; images pasted from elsewhere have none.

const CREDIT = '.credit, small';

export interface FigureAttrs {
  src: string;
  alt: string;
  caption: string;
  credit: string;
  media_id: string | null;
}

function mediaIdOf(...elements: Array<Element | null>): string | null {
  for (const el of elements) {
    const id = cleanText(el?.getAttribute('data-media-id'));
    if (id !== '') return id.slice(0, 200);
  }
  return null;
}

function fromImg(img: Element, figure: Element | null): FigureAttrs | false {
  const src = safeImageSrc(img.getAttribute('src'));
  if (src === null) return false;
  const figcaption = figure?.querySelector('figcaption') ?? null;
  return {
    src,
    alt: cleanText(img.getAttribute('alt')),
    caption: figcaption ? textWithout(figcaption, CREDIT) : '',
    credit: figure ? textOf(figure, CREDIT) : '',
    media_id: mediaIdOf(figure, img),
  };
}

const stringAttr = (name: string) => (value: unknown) => {
  if (typeof value !== 'string') throw new RangeError(`figure ${name} must be a string`);
};

// Attributes come from the parse rules below, never straight from an HTML attribute of the same
// name: TipTap would otherwise read <figure caption="..."> and coerce "123" to a number.
const fromRuleOnly = { parseHTML: () => null, rendered: false };

export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,

  addAttributes() {
    return {
      src: {
        default: '',
        ...fromRuleOnly,
        validate: (value: unknown) => {
          if (safeImageSrc(value) !== value) throw new RangeError('figure src is not an allowed image URL');
        },
      },
      alt: { default: '', ...fromRuleOnly, validate: stringAttr('alt') },
      caption: { default: '', ...fromRuleOnly, validate: stringAttr('caption') },
      credit: { default: '', ...fromRuleOnly, validate: stringAttr('credit') },
      media_id: {
        default: null,
        ...fromRuleOnly,
        validate: (value: unknown) => {
          if (value !== null && typeof value !== 'string')
            throw new RangeError('figure media_id must be a string or null');
        },
      },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'figure',
        getAttrs: (dom) => {
          const img = dom.querySelector('img');
          return img ? fromImg(img, dom) : false;
        },
      },
      // A figure whose image was refused goes away whole, caption included: a caption without
      // its photo would read as a stray sentence.
      {
        tag: 'figure',
        priority: 40,
        ignore: true,
        getAttrs: (dom) => (dom.querySelector('img') ? null : false),
      },
      { tag: 'img', getAttrs: (dom) => fromImg(dom, null) },
    ];
  },

  renderHTML({ node }) {
    const attrs = node.attrs as FigureAttrs;
    const img: DOMOutputSpec = ['img', { src: attrs.src, alt: attrs.alt }];
    const figure: DOMOutputSpec[] = [img];
    if (attrs.caption || attrs.credit) {
      const credit: DOMOutputSpec = ['span', { class: 'credit' }, attrs.credit];
      figure.push(attrs.credit ? ['figcaption', `${attrs.caption} `, credit] : ['figcaption', attrs.caption]);
    }
    return ['figure', attrs.media_id ? { 'data-media-id': attrs.media_id } : {}, ...figure];
  },
});
