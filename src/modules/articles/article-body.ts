import { loadDocumentParser, renderText, type DocumentTree, type ImportWarning } from './document/index.ts';
import { localizeRemoteImages, type RemoteImages } from './localize-remote-images.ts';

/** Without a way to copy images, remote ones are removed (with a warning), never kept. */
const NO_REMOTE_IMAGES: RemoteImages = { siteOrigin: 'null', budgetMs: 0 };

export interface ResolvedBody {
  tree: DocumentTree;
  text: string;
  /** What pasted HTML could not keep as it was (a drawing turned to its text, say), for the editor. */
  warnings: ImportWarning[];
}

/** The body arrives as HTML or as a tree; either way we store a clean tree and its plain text. */
export async function resolveBody(input: {
  body_html?: string;
  body?: unknown;
}): Promise<ResolvedBody | undefined> {
  if (input.body_html === undefined && input.body === undefined) return undefined;
  const { importHtml, normalizeDocument } = await loadDocumentParser();
  if (input.body_html !== undefined) {
    const { document, warnings } = importHtml(input.body_html);
    return { tree: document, text: renderText(document), warnings };
  }
  const tree = normalizeDocument(input.body);
  return { tree, text: renderText(tree), warnings: [] };
}

/**
 * The body with every image from another site copied into our media library, or removed with
 * a warning when it cannot be. Call it outside any transaction: it waits on other sites.
 */
export async function localizeBody(
  body: ResolvedBody | undefined,
  remote: RemoteImages | undefined,
): Promise<ResolvedBody | undefined> {
  if (!body) return undefined;
  const { tree, warnings } = await localizeRemoteImages(body.tree, remote ?? NO_REMOTE_IMAGES);
  if (tree === body.tree) return body;
  return { tree, text: renderText(tree), warnings: [...body.warnings, ...warnings] };
}
