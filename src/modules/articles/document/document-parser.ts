// What writing an article body needs and reading it does not: the editor's schema, the HTML
// parser, validation. Loaded through loadDocumentParser() (index.ts), never statically.
export { documentExtensions } from './extensions.ts';
export { documentSchema } from './document-schema.ts';
export { parseHtml, importHtml, MAX_HTML_LENGTH, MAX_HTML_TAGS } from './parse-html.ts';
export { normalizeDocument, MAX_TREE_DEPTH } from './normalize-document.ts';
