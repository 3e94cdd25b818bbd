import type { BlockNode, DocumentTree, FigureNode } from './document.types.ts';

// Figures rewritten or removed across a whole tree, wherever they sit (a list item, a quote).
// Removing one must leave a tree the schema still accepts: a list item starts with a paragraph,
// a quote and the document hold at least one block. An empty paragraph is what the editor itself
// leaves behind when you delete the last thing in a block.

type FigureAttrs = FigureNode['attrs'];
type Container = { type: string; content?: unknown[] };

/** Every figure's attributes, in document order. */
export function figuresOf(tree: DocumentTree): FigureAttrs[] {
  const found: FigureAttrs[] = [];
  const walk = (node: Container) => {
    if (node.type === 'figure') found.push((node as FigureNode).attrs);
    for (const child of node.content ?? []) walk(child as Container);
  };
  walk(tree);
  return found;
}

/**
 * A copy of `tree` with each figure replaced by what `replace` answers for its attributes:
 * new attributes, or null to remove the figure.
 */
export function replaceFigures(
  tree: DocumentTree,
  replace: (attrs: FigureAttrs) => FigureAttrs | null,
): DocumentTree {
  const emptyParagraph = (): BlockNode => ({ type: 'paragraph' });
  const blocks = (content: BlockNode[]): BlockNode[] => {
    const out: BlockNode[] = [];
    for (const node of content) {
      const next = rewrite(node);
      if (next) out.push(next);
    }
    return out;
  };
  const rewrite = (node: BlockNode): BlockNode | null => {
    switch (node.type) {
      case 'figure': {
        const attrs = replace(node.attrs);
        return attrs ? { ...node, attrs } : null;
      }
      case 'blockquote': {
        const content = blocks(node.content);
        return { ...node, content: content.length ? content : [emptyParagraph()] };
      }
      case 'bulletList':
      case 'orderedList':
        return {
          ...node,
          content: node.content.map((item) => {
            const content = blocks(item.content);
            return {
              ...item,
              content: content[0]?.type === 'paragraph' ? content : [emptyParagraph(), ...content],
            };
          }),
        } as BlockNode;
      default:
        return node;
    }
  };
  const content = blocks(tree.content);
  return { ...tree, content: content.length ? content : [emptyParagraph()] };
}
