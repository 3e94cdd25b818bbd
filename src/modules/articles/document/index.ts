// The article body as a typed document tree: schema, validation, parsing and rendering.
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
export type { HtmlImport } from './parse-html.ts';
export type { ImportWarning } from './import-warnings.ts';
/**
 * Parsing pasted HTML and checking a tree against the editor's schema (TipTap's ProseMirror schema
 * and an HTML parser, some 40 MB): loaded on first use, so a process that only renders articles
 * never holds them.
 */
// Memoised: under tsx's loader each import() is a round trip to the loader's thread, even for a
// module already loaded (a tenth of an import's time when every article save asked again).
let documentParser: Promise<typeof import('./document-parser.ts')> | undefined;
export const loadDocumentParser = () => (documentParser ??= import('./document-parser.ts'));
export { renderWebHtml, type WebHtmlOptions, type ResolvedMedia } from './render-web-html.ts';
export { renderEmailHtml, type EmailHtmlOptions } from './render-email-html.ts';
export { renderText, type TextOptions } from './render-text.ts';
export { excerpt } from './excerpt.ts';
export { figuresOf, replaceFigures } from './replace-figures.ts';
export { escapeHtml } from './html-escape.ts';
