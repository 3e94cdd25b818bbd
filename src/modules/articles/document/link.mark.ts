import { Link as TiptapLink } from '@tiptap/extension-link';
import { safeLinkHref } from './url-rules.ts';

// TipTap's link with our URL rules and a single attribute. target/rel/class/title are presentation
// the renderers decide; storing them would let pasted HTML choose them.
export const Link = TiptapLink.extend({
  addAttributes() {
    return {
      href: {
        default: null,
        parseHTML: (element: HTMLElement) => safeLinkHref(element.getAttribute('href')),
        validate: (value: unknown) => {
          if (safeLinkHref(value) !== value) throw new RangeError('link href is not an allowed URL');
        },
      },
    };
  },
}).configure({
  openOnClick: false,
  defaultProtocol: 'https',
  HTMLAttributes: { target: null, rel: 'noopener noreferrer', class: null },
  // Used by TipTap both when parsing <a href> and in the setLink command: a refused href drops
  // the mark and keeps the text.
  isAllowedUri: (url) => safeLinkHref(url) !== null,
});
