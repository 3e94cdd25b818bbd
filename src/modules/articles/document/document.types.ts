import { z } from 'zod';
import { EMBED_PROVIDERS } from './embed-providers.ts';

// The article body as JSON: the shape TipTap's `editor.getJSON()` and ProseMirror's
// `node.toJSON()` produce for our schema (extensions.ts). Strict objects throughout: an unknown
// node, mark or attribute is an error, not something to carry along silently.
// URL rules (url-rules.ts) and content rules (a listItem starts with a paragraph...) are checked
// by normalizeDocument against the ProseMirror schema, not here.

const MAX_TEXT_ATTR = 2000;
const MAX_URL = 4096;
const textAttr = z.string().max(MAX_TEXT_ATTR);

// Marks -------------------------------------------------------------------------------------

export const BoldMark = z.strictObject({ type: z.literal('bold') });
export const ItalicMark = z.strictObject({ type: z.literal('italic') });
export const StrikeMark = z.strictObject({ type: z.literal('strike') });
export const CodeMark = z.strictObject({ type: z.literal('code') });
export const LinkMark = z.strictObject({
  type: z.literal('link'),
  attrs: z.strictObject({ href: z.string().min(1).max(MAX_URL) }),
});

export const Mark = z.discriminatedUnion('type', [BoldMark, ItalicMark, StrikeMark, CodeMark, LinkMark]);
export type Mark = z.infer<typeof Mark>;
export type MarkType = Mark['type'];

// Inline nodes ------------------------------------------------------------------------------

export const TextNode = z.strictObject({
  type: z.literal('text'),
  text: z.string().min(1),
  marks: z.array(Mark).optional(),
});
export const HardBreakNode = z.strictObject({
  type: z.literal('hardBreak'),
  marks: z.array(Mark).optional(),
});
export const InlineNode = z.discriminatedUnion('type', [TextNode, HardBreakNode]);
export type TextNode = z.infer<typeof TextNode>;
export type InlineNode = z.infer<typeof InlineNode>;

// Block nodes -------------------------------------------------------------------------------

export const ParagraphNode = z.strictObject({
  type: z.literal('paragraph'),
  content: z.array(InlineNode).optional(),
});

export const HeadingNode = z.strictObject({
  type: z.literal('heading'),
  attrs: z.strictObject({
    level: z.union([z.literal(2), z.literal(3), z.literal(4)], { error: 'heading level must be 2, 3 or 4' }),
  }),
  content: z.array(InlineNode).optional(),
});

export const HorizontalRuleNode = z.strictObject({ type: z.literal('horizontalRule') });

export const PullQuoteNode = z.strictObject({
  type: z.literal('pullQuote'),
  attrs: z.strictObject({ attribution: textAttr.nullable().default(null) }).default({ attribution: null }),
  // Plain text: the schema allows no marks inside a pull quote.
  content: z.array(z.strictObject({ type: z.literal('text'), text: z.string().min(1) })).optional(),
});

export const FigureNode = z.strictObject({
  type: z.literal('figure'),
  attrs: z.strictObject({
    src: z.string().min(1).max(MAX_URL),
    alt: textAttr.default(''),
    caption: textAttr.default(''),
    credit: textAttr.default(''),
    media_id: z.string().min(1).max(200).nullable().default(null),
  }),
});

export const EmbedNode = z.strictObject({
  type: z.literal('embed'),
  attrs: z.strictObject({
    provider: z.enum(EMBED_PROVIDERS),
    url: z.string().min(1).max(MAX_URL),
    title: textAttr.default(''),
  }),
});

export const OrderedListType = z.enum(['1', 'a', 'A', 'i', 'I']);

export const BlockquoteNode = z.strictObject({
  type: z.literal('blockquote'),
  get content() {
    return z.array(BlockNode).min(1);
  },
});

export const ListItemNode = z.strictObject({
  type: z.literal('listItem'),
  get content() {
    return z.array(BlockNode).min(1);
  },
});

export const BulletListNode = z.strictObject({
  type: z.literal('bulletList'),
  content: z.array(ListItemNode).min(1),
});

export const OrderedListNode = z.strictObject({
  type: z.literal('orderedList'),
  attrs: z
    .strictObject({
      start: z.int().min(-1_000_000).max(1_000_000).default(1),
      type: OrderedListType.nullable().default(null),
    })
    .default({ start: 1, type: null }),
  content: z.array(ListItemNode).min(1),
});

export const BlockNode = z.discriminatedUnion('type', [
  ParagraphNode,
  HeadingNode,
  BulletListNode,
  OrderedListNode,
  BlockquoteNode,
  HorizontalRuleNode,
  PullQuoteNode,
  FigureNode,
  EmbedNode,
]);

export type ParagraphNode = z.infer<typeof ParagraphNode>;
export type HeadingNode = z.infer<typeof HeadingNode>;
export type BulletListNode = z.infer<typeof BulletListNode>;
export type OrderedListNode = z.infer<typeof OrderedListNode>;
export type ListItemNode = z.infer<typeof ListItemNode>;
export type BlockquoteNode = z.infer<typeof BlockquoteNode>;
export type PullQuoteNode = z.infer<typeof PullQuoteNode>;
export type FigureNode = z.infer<typeof FigureNode>;
export type EmbedNode = z.infer<typeof EmbedNode>;
export type BlockNode = z.infer<typeof BlockNode>;

/** Any node that can appear below the document root. */
export const DocumentNode = z.union([BlockNode, ListItemNode, InlineNode]);
export type DocumentNode = z.infer<typeof DocumentNode>;
export type DocumentNodeType = DocumentNode['type'];

/** A whole article body. Never empty: an empty body is one empty paragraph, as in the editor. */
export const DocumentTree = z.strictObject({
  type: z.literal('doc'),
  content: z.array(BlockNode).min(1),
});
export type DocumentTree = z.infer<typeof DocumentTree>;
