import { Node } from '@tiptap/core';
import type { DOMOutputSpec } from '@tiptap/pm/model';
import { cleanText, textOf } from './dom-text.ts';
import { EMBED_PROVIDERS, embedLabel, resolveEmbed, type EmbedProvider } from './embed-providers.ts';

// Third-party content (a video, a chart, a podcast) referenced by its canonical public URL.
// Stored as data, never as a player: the renderers decide how much of the third party a reader
// meets (on our public pages: a plain link, see README).

export interface EmbedAttrs {
  provider: EmbedProvider;
  url: string;
  title: string;
}

const TITLE = '.embed__title';

function fromIframe(iframe: Element, title: string): EmbedAttrs | false {
  const resolved = resolveEmbed(iframe.getAttribute('src'));
  if (!resolved) return false;
  return { ...resolved, title: title || cleanText(iframe.getAttribute('title')) };
}

const fromRuleOnly = { parseHTML: () => null, rendered: false };

export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,

  addAttributes() {
    return {
      provider: {
        default: 'youtube',
        ...fromRuleOnly,
        validate: (value: unknown) => {
          if (!EMBED_PROVIDERS.includes(value as EmbedProvider))
            throw new RangeError('unknown embed provider');
        },
      },
      url: {
        default: '',
        ...fromRuleOnly,
        validate: (value: unknown) => {
          if (resolveEmbed(value)?.url !== value)
            throw new RangeError('embed url is not a canonical provider URL');
        },
      },
      title: {
        default: '',
        ...fromRuleOnly,
        validate: (value: unknown) => {
          if (typeof value !== 'string') throw new RangeError('embed title must be a string');
        },
      },
    };
  },

  parseHTML() {
    return [
      {
        // Our own serialisation, and the editor's clipboard.
        tag: 'figure.embed[data-url]',
        priority: 60,
        getAttrs: (dom) => {
          const resolved = resolveEmbed(dom.getAttribute('data-url'));
          if (!resolved) return false;
          const title = cleanText(dom.getAttribute('data-title')) || textOf(dom, TITLE);
          return { ...resolved, title };
        },
      },
      {
        // <figure class="wp-block-embed"><div><iframe></div><figcaption>: below the image rule.
        tag: 'figure',
        priority: 45,
        getAttrs: (dom) => {
          const iframe = dom.querySelector('iframe[src]');
          return iframe ? fromIframe(iframe, textOf(dom, 'figcaption')) : false;
        },
      },
      { tag: 'iframe[src]', getAttrs: (dom) => fromIframe(dom, '') },
      // Any other iframe goes, fallback text included.
      { tag: 'iframe', priority: 40, ignore: true },
    ];
  },

  renderHTML({ node }) {
    const attrs = node.attrs as EmbedAttrs;
    const title: DOMOutputSpec = ['span', { class: 'embed__title' }, attrs.title];
    const link: DOMOutputSpec = attrs.title
      ? ['a', { href: attrs.url }, `${embedLabel(attrs.provider)}: `, title]
      : ['a', { href: attrs.url }, embedLabel(attrs.provider)];
    return ['figure', { class: 'embed', 'data-provider': attrs.provider, 'data-url': attrs.url }, link];
  },
});
