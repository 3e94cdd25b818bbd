import type { AnyExtension } from '@tiptap/core';
import { StarterKit } from '@tiptap/starter-kit';
import { Embed } from './embed.node.ts';
import { Figure } from './figure.node.ts';
import { Heading } from './heading.node.ts';
import { Link } from './link.mark.ts';
import { PullQuote } from './pull-quote.node.ts';

// The article body schema: the one list of TipTap extensions that both the server (parsing,
// validation) and the admin's editor use (through editor-extensions.ts). Anything not named here cannot exist in a body.
//
// Blocks: paragraph, heading (2-4), bulletList, orderedList, listItem, blockquote, horizontalRule,
//         pullQuote, figure, embed.   Inline: text, hardBreak.
// Marks:  bold, italic, strike, code, link.
export const documentExtensions: AnyExtension[] = [
  StarterKit.configure({
    // Ours instead (clamped levels, URL rules).
    heading: false,
    link: false,
    // Not part of an article body.
    codeBlock: false,
    underline: false,
    // Editor behaviour only; harmless to the schema, but the server has no use for them and
    // trailingNode would add empty paragraphs in the editor that we then have to ignore.
    trailingNode: false,
  }),
  Heading,
  Link,
  PullQuote,
  Figure,
  Embed,
];
