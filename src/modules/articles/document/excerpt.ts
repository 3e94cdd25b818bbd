import type { BlockNode, DocumentTree } from './document.types.ts';

// A teaser for listings, feeds and meta descriptions: the prose of the body (paragraphs,
// headings, list items, quotes) as one line, without photos, embeds, pull quotes or link URLs.

const ELLIPSIS = '…';

function collect(nodes: BlockNode[] | undefined, out: string[]): void {
  for (const node of nodes ?? []) {
    if (node.type === 'paragraph' || node.type === 'heading') {
      out.push((node.content ?? []).map((n) => (n.type === 'text' ? n.text : ' ')).join(''));
    } else if (node.type === 'blockquote') {
      collect(node.content, out);
    } else if (node.type === 'bulletList' || node.type === 'orderedList') {
      for (const item of node.content) collect(item.content, out);
    }
  }
}

/**
 * At most `maxChars` characters (counted as code points, so an emoji is never cut in half) of
 * the body's prose. When cut, the cut is at a word boundary and an ellipsis ends the result,
 * within the limit. A single word longer than the limit is cut mid-word rather than dropped.
 */
export function excerpt(doc: DocumentTree, maxChars: number): string {
  if (!Number.isInteger(maxChars) || maxChars < 1)
    throw new RangeError('maxChars must be a positive integer');
  const parts: string[] = [];
  collect(doc.content, parts);
  const text = parts.join(' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;

  // Room for the ellipsis; then back off to the last space inside the limit.
  const room = chars.slice(0, maxChars - 1);
  const lastSpace = room.lastIndexOf(' ');
  const kept = chars[maxChars - 1] === ' ' ? room : lastSpace > 0 ? room.slice(0, lastSpace) : room;
  // "word," + "…" reads badly; drop trailing punctuation that would sit before the ellipsis.
  return kept.join('').replace(/[\s,;:.!?—–-]+$/u, '') + ELLIPSIS;
}
