import { Node as PmNode } from '@tiptap/pm/model';
import type { z } from 'zod';
import { ValidationError } from '../../../domain/errors.ts';
import { documentSchema } from './document-schema.ts';
import { DocumentTree } from './document.types.ts';
import { resolveEmbed } from './embed-providers.ts';
import { safeImageSrc, safeLinkHref } from './url-rules.ts';

// Validates a body arriving as JSON (the editor's getJSON(), an API client) and returns it in
// canonical form: attribute defaults filled in, marks sorted, adjacent text joined. Anything we
// would not produce ourselves is refused with a ValidationError naming the path of the bad part,
// e.g. "content.2.content.0.marks.0.attrs.href".

/** Deeper than any real article; stops a hostile tree before recursive validation. */
export const MAX_TREE_DEPTH = 48;

type Path = Array<string | number>;
const showPath = (path: Path) => (path.length ? path.join('.') : '(root)');

function invalid(message: string, path: Path, extra: Record<string, unknown> = {}): ValidationError {
  return new ValidationError(`invalid article body at ${showPath(path)}: ${message}`, {
    path: showPath(path),
    ...extra,
  });
}

/** Iterative, so that a 100,000-level tree fails here with a message, not a stack overflow. */
function checkDepth(input: unknown): void {
  const stack: Array<{ node: unknown; path: Path }> = [{ node: input, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop() as { node: unknown; path: Path };
    if (path.length / 2 > MAX_TREE_DEPTH)
      throw invalid(`nested more than ${MAX_TREE_DEPTH} levels deep`, path);
    const content = (node as { content?: unknown } | null)?.content;
    if (Array.isArray(content))
      content.forEach((child, i) => stack.push({ node: child, path: [...path, 'content', i] }));
  }
}

function fromZod(error: z.ZodError): ValidationError {
  const issues = error.issues
    .slice(0, 10)
    .map((issue) => ({ path: showPath(issue.path as Path), message: issue.message }));
  const first = error.issues[0];
  return invalid(first?.message ?? 'not a document', (first?.path ?? []) as Path, { issues });
}

interface Walkable {
  type: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  content?: Walkable[];
}

/** The URL rules. Cleans what a browser would clean anyway (surrounding spaces), refuses the rest. */
function applyUrlRules(node: Walkable, path: Path): void {
  node.marks?.forEach((mark, i) => {
    if (mark.type !== 'link' || !mark.attrs) return;
    const href = safeLinkHref(mark.attrs.href);
    if (href === null) {
      throw invalid('link href must be an http(s) or mailto URL, or a path starting with "/"', [
        ...path,
        'marks',
        i,
        'attrs',
        'href',
      ]);
    }
    mark.attrs.href = href;
  });
  if (node.type === 'figure' && node.attrs) {
    const src = safeImageSrc(node.attrs.src);
    if (src === null) {
      throw invalid('figure src must be an http(s) URL or a path starting with "/"', [
        ...path,
        'attrs',
        'src',
      ]);
    }
    node.attrs.src = src;
  }
  if (node.type === 'embed' && node.attrs) {
    const resolved = resolveEmbed(node.attrs.url);
    if (!resolved || resolved.provider !== node.attrs.provider) {
      throw invalid(`embed url is not a ${String(node.attrs.provider)} URL we can link to`, [
        ...path,
        'attrs',
        'url',
      ]);
    }
    node.attrs.url = resolved.url;
  }
  node.content?.forEach((child, i) => applyUrlRules(child, [...path, 'content', i]));
}

/** node.check() says what is wrong but not where: descend to the deepest node that fails. */
function locateSchemaError(root: PmNode): { path: Path; message: string } | undefined {
  const failure = (node: PmNode): string | undefined => {
    try {
      node.check();
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };
  let message = failure(root);
  if (message === undefined) return undefined;
  let node = root;
  const path: Path = [];
  for (;;) {
    let next: { child: PmNode; index: number; message: string } | undefined;
    for (let i = 0; i < node.childCount && !next; i++) {
      const childMessage = failure(node.child(i));
      if (childMessage !== undefined) next = { child: node.child(i), index: i, message: childMessage };
    }
    if (!next) return { path, message };
    path.push('content', next.index);
    ({ child: node, message } = next);
  }
}

function normalize(input: unknown): DocumentTree {
  checkDepth(input);
  const parsed = DocumentTree.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  // zod returned a fresh copy, so the caller's object is never modified.
  applyUrlRules(parsed.data as Walkable, []);

  let node: PmNode;
  try {
    node = PmNode.fromJSON(documentSchema, parsed.data);
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : 'not a document', []);
  }
  const schemaError = locateSchemaError(node);
  // Paths are those of the canonical tree; they only differ from the input's when the input had
  // adjacent text nodes with the same marks, which fromJSON joins.
  if (schemaError) throw invalid(schemaError.message, schemaError.path);

  const canonical = DocumentTree.safeParse(node.toJSON());
  if (!canonical.success) throw fromZod(canonical.error);
  return canonical.data;
}

/**
 * Validates and canonicalises an article body from JSON. Throws ValidationError, and only
 * ValidationError, when the input is not a body we would have produced ourselves.
 */
export function normalizeDocument(input: unknown): DocumentTree {
  try {
    return normalize(input);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    // A getter that throws, a stack overflow in some library: still the input's fault.
    throw new ValidationError('invalid article body: it could not be read as a document', {
      path: '(root)',
      cause: error instanceof Error ? error.message : String(error),
    });
  }
}
