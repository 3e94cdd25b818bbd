import type { DocumentTree } from '../../../src/modules/articles/document/editor-extensions.ts';

interface AnyNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: AnyNode[];
}

function blockText(node: AnyNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  if (node.type === 'figure') {
    const a = node.attrs ?? {};
    return `[${[a.caption, a.credit].filter(Boolean).join(' — ') || String(a.src ?? '')}]`;
  }
  if (node.type === 'embed') return `[${String(node.attrs?.url ?? '')}]`;
  if (node.type === 'horizontalRule') return '* * *';
  const inner = (node.content ?? []).map(blockText);
  if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'pullQuote')
    return inner.join('');
  if (node.type === 'listItem') return `• ${inner.join('\n')}`;
  return inner.join('\n');
}

/** The body as readable plain text, one block a line: what the conflict screen shows. */
export function bodyAsText(body: DocumentTree): string {
  return (body.content as AnyNode[]).map(blockText).join('\n\n');
}
