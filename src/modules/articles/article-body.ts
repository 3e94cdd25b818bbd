import { normalizeDocument, parseHtml, renderText, type DocumentTree } from './document/index.ts';

/** The body arrives as HTML or as a tree; either way we store a clean tree and its plain text. */
export function resolveBody(input: {
  body_html?: string;
  body?: unknown;
}): { tree: DocumentTree; text: string } | undefined {
  let tree: DocumentTree;
  if (input.body_html !== undefined) tree = parseHtml(input.body_html);
  else if (input.body !== undefined) tree = normalizeDocument(input.body);
  else return undefined;
  return { tree, text: renderText(tree) };
}
