import { escapeHtml } from './html-escape.ts';
import type { InlineNode, Mark } from './document.types.ts';

// Inline content to HTML with properly nested mark elements. ProseMirror keeps each node's marks
// sorted in schema order (link first), so a mark shared by neighbouring nodes stays open across
// them: "<a><strong>bold</strong> and plain</a>", not one <a> per text node.

/** How a renderer spells a mark; `open` returns null to leave the mark out (text is kept). */
export interface MarkTags {
  open(mark: Mark): string | null;
  close(mark: Mark): string;
}

const sameMark = (a: Mark, b: Mark) =>
  a.type === b.type && (a.type !== 'link' || (b.type === 'link' && a.attrs.href === b.attrs.href));

export function renderInlineHtml(nodes: InlineNode[] | undefined, tags: MarkTags): string {
  let out = '';
  const open: Array<{ mark: Mark; close: string }> = [];
  for (const node of nodes ?? []) {
    const marks = node.marks ?? [];
    let shared = 0;
    while (shared < open.length && shared < marks.length && sameMark(open[shared]!.mark, marks[shared]!))
      shared++;
    while (open.length > shared) out += open.pop()!.close;
    for (const mark of marks.slice(shared)) {
      const tag = tags.open(mark);
      // A refused mark still takes its place in the stack, so the marks after it line up.
      open.push({ mark, close: tag === null ? '' : tags.close(mark) });
      if (tag !== null) out += tag;
    }
    if (node.type === 'text') out += escapeHtml(node.text);
    else if (node.type === 'hardBreak') out += '<br>';
  }
  while (open.length) out += open.pop()!.close;
  return out;
}
