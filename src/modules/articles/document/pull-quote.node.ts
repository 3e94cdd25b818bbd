import { Node } from '@tiptap/core';
import { Fragment, type Schema } from '@tiptap/pm/model';
import { cleanText, textOf, textWithout } from './dom-text.ts';

// A pull quote: a short line lifted out of the article (or a quote from someone) set large beside
// the text. Plain text only; the attribution is a separate attribute, not part of the text.

const ATTRIBUTION = 'cite, footer, figcaption, .pull-quote__attribution';

function attributionOf(element: Element): string | null {
  const text = cleanText(element.getAttribute('data-attribution')) || textOf(element, ATTRIBUTION);
  const withoutDash = text.replace(/^[—–-]\s*/, '');
  return withoutDash === '' ? null : withoutDash;
}

export const PullQuote = Node.create({
  name: 'pullQuote',
  group: 'block',
  content: 'text*',
  marks: '',
  defining: true,

  addAttributes() {
    return {
      attribution: {
        default: null,
        parseHTML: attributionOf,
        renderHTML: (attrs) => (attrs.attribution ? { 'data-attribution': attrs.attribution } : {}),
        validate: (value: unknown) => {
          if (value !== null && typeof value !== 'string')
            throw new RangeError('attribution must be a string or null');
        },
      },
    };
  },

  parseHTML() {
    return ['aside.pull-quote', 'blockquote.pull-quote'].map((tag) => ({
      tag,
      // Above the plain blockquote rule, so <blockquote class="pull-quote"> is a pull quote.
      priority: 60,
      getContent: (dom: globalThis.Node, schema: Schema) => {
        const text = textWithout(dom as Element, ATTRIBUTION);
        return text === '' ? Fragment.empty : Fragment.from(schema.text(text));
      },
    }));
  },

  renderHTML({ HTMLAttributes }) {
    return ['aside', { class: 'pull-quote', ...HTMLAttributes }, ['p', 0]];
  },
});
