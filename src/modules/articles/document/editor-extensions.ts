// The browser's door into the document model. The admin's editor imports the article body's
// TipTap extensions from here, the very objects the server parses and validates with
// (extensions.ts), never a copy. Everything re-exported here is pure: it needs TipTap and the DOM
// the editor runs in, nothing of Node. The HTML importer (parse-html.ts, happy-dom) and the
// renderers stay server-side, behind index.ts. editor-extensions.test.ts bundles this file for a
// browser and fails if anything Node-only comes along.
export { documentExtensions } from './extensions.ts';
export { Heading, HEADING_LEVELS, clampHeadingLevel, type HeadingLevel } from './heading.node.ts';
export { Figure, type FigureAttrs } from './figure.node.ts';
export { Embed, type EmbedAttrs } from './embed.node.ts';
export { PullQuote } from './pull-quote.node.ts';
export { Link } from './link.mark.ts';
export {
  EMBED_PROVIDERS,
  resolveEmbed,
  embedLabel,
  type EmbedProvider,
  type ResolvedEmbed,
} from './embed-providers.ts';
export { safeLinkHref, safeImageSrc } from './url-rules.ts';
export { schemaShape, type SchemaShape } from './schema-shape.ts';
export type { DocumentTree, BlockNode, InlineNode, Mark } from './document.types.ts';
