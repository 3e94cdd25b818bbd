import type { BlockNode } from './document.types.ts';

// A blockquote has no attribution attribute in the document tree: a newsroom writes the source as
// the quotation's last paragraph, starting with a dash ("— An economist in Varensk"). Renderers
// ask here whether a blockquote ends that way, so they can set the source apart from the words.

const DASH_LINE = /^\s*[—–―]\s*/u;

/** The quotation's own blocks and its attribution's paragraph, or null when it names no source. */
export function splitQuoteAttribution(
  content: BlockNode[],
): { quoted: BlockNode[]; attribution: Extract<BlockNode, { type: 'paragraph' }> } | null {
  if (content.length < 2) return null;
  const last = content[content.length - 1]!;
  if (last.type !== 'paragraph' || !last.content?.length) return null;
  const first = last.content[0]!;
  if (first.type !== 'text' || !DASH_LINE.test(first.text)) return null;
  return { quoted: content.slice(0, -1), attribution: last };
}
