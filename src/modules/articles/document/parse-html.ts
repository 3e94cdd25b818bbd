import { DOMParser } from '@tiptap/pm/model';
import { TooLargeError, ValidationError } from '../../../domain/errors.ts';
import { cleanHtml } from './clean-html.ts';
import type { DocumentTree } from './document.types.ts';
import { documentSchema } from './document-schema.ts';
import { parseFragment } from './html-window.ts';
import { normalizeDocument } from './normalize-document.ts';
import { sanitizeParsedTree } from './sanitize-parsed-tree.ts';
import { foreignContentAsText } from './foreign-content.ts';
import type { ImportWarning } from './import-warnings.ts';
import { textNotKept } from './text-not-kept.ts';

// Far above any real article (a long read is ~100 KB of HTML and ~5,000 tags). The DOM parser
// costs ~30 µs per element here, so these bound one call to a few seconds of CPU.
export const MAX_HTML_LENGTH = 2_000_000;
export const MAX_HTML_TAGS = 100_000;

/**
 * Turns untrusted HTML (an import, a paste, an API client) into a clean document tree.
 *
 * Three layers, each enough on its own for the dangerous cases: cleanHtml keeps only useful
 * elements and attributes; the schema's parse rules (extensions.ts) build only our nodes and
 * apply the URL rules; sanitizeParsedTree rebuilds the result from allowed parts. The result is
 * then validated like any tree arriving through the API.
 *
 * Empty or content-free input gives a document holding one empty paragraph, the same empty body
 * the editor produces (the schema requires at least one block).
 */
let parser: DOMParser | undefined;
const proseMirrorParser = () => (parser ??= DOMParser.fromSchema(documentSchema));

export function parseHtml(html: string): DocumentTree {
  return importHtml(html).document;
}

/** An imported document, and what the import could not keep as it was. */
export interface HtmlImport {
  document: DocumentTree;
  warnings: ImportWarning[];
}

/**
 * parseHtml, also saying what could not be kept as it was: <svg> and <math> become the text shown
 * in them, elements whose text readers do not normally see are removed, and a last check compares
 * the text of the input with the text of the document, so no loss goes unreported.
 */
export function importHtml(html: string): HtmlImport {
  if (typeof html !== 'string') throw new ValidationError('the body HTML must be a string');
  if (html.length > MAX_HTML_LENGTH) {
    throw new TooLargeError(`the body HTML is longer than ${MAX_HTML_LENGTH} characters`, {
      length: html.length,
      max: MAX_HTML_LENGTH,
    });
  }
  const tags = html.match(/<[a-zA-Z/!]/g)?.length ?? 0;
  if (tags > MAX_HTML_TAGS) {
    throw new TooLargeError(`the body HTML has more than ${MAX_HTML_TAGS} tags`, {
      tags,
      max: MAX_HTML_TAGS,
    });
  }
  const warnings: ImportWarning[] = [];
  // The same steps as @tiptap/html's generateJSON, with the schema, parser and window reused.
  const body = parseFragment(cleanHtml(foreignContentAsText(html, warnings), warnings));
  const json = proseMirrorParser()
    .parse(body as unknown as Node)
    .toJSON() as Record<string, unknown>;
  const document = normalizeDocument(sanitizeParsedTree(json));
  const lost = textNotKept(body, document);
  if (lost) warnings.push(lost);
  return { document, warnings };
}
