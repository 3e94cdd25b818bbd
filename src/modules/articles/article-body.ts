import {
  importHtml,
  normalizeDocument,
  renderText,
  type DocumentTree,
  type ImportWarning,
} from './document/index.ts';

export interface ResolvedBody {
  tree: DocumentTree;
  text: string;
  /** What pasted HTML could not keep as it was (a drawing turned to its text, say), for the editor. */
  warnings: ImportWarning[];
}

/** The body arrives as HTML or as a tree; either way we store a clean tree and its plain text. */
export function resolveBody(input: { body_html?: string; body?: unknown }): ResolvedBody | undefined {
  if (input.body_html !== undefined) {
    const { document, warnings } = importHtml(input.body_html);
    return { tree: document, text: renderText(document), warnings };
  }
  if (input.body === undefined) return undefined;
  const tree = normalizeDocument(input.body);
  return { tree, text: renderText(tree), warnings: [] };
}
