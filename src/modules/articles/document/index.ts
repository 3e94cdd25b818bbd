// The article body as a typed document tree: schema, validation, parsing and rendering.
export { documentExtensions } from './extensions.ts';
export { documentSchema } from './document-schema.ts';
export {
  DocumentNode,
  DocumentTree,
  Mark,
  BlockNode,
  InlineNode,
  type DocumentNodeType,
  type MarkType,
  type TextNode,
  type ParagraphNode,
  type HeadingNode,
  type BulletListNode,
  type OrderedListNode,
  type ListItemNode,
  type BlockquoteNode,
  type PullQuoteNode,
  type FigureNode,
  type EmbedNode,
} from './document.types.ts';
export {
  EMBED_PROVIDERS,
  resolveEmbed,
  embedLabel,
  type EmbedProvider,
  type ResolvedEmbed,
} from './embed-providers.ts';
export { safeLinkHref, safeImageSrc } from './url-rules.ts';
export { parseHtml, importHtml, type HtmlImport, MAX_HTML_LENGTH, MAX_HTML_TAGS } from './parse-html.ts';
export type { ImportWarning } from './import-warnings.ts';
export { normalizeDocument, MAX_TREE_DEPTH } from './normalize-document.ts';
export { renderWebHtml, type WebHtmlOptions, type ResolvedMedia } from './render-web-html.ts';
export { renderEmailHtml, type EmailHtmlOptions } from './render-email-html.ts';
export { renderText, type TextOptions } from './render-text.ts';
export { excerpt } from './excerpt.ts';
export { figuresOf, replaceFigures } from './replace-figures.ts';
export { escapeHtml } from './html-escape.ts';
