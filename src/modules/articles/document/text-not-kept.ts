import type { DocumentTree } from './document.types.ts';
import type { ImportWarning } from './import-warnings.ts';

// The importer's last check: every character of text in the cleaned HTML must be somewhere in
// the document. Counted per character, ignoring whitespace and order, because blocks and marks
// split and join text differently on each side; a loss of even one word shows as a shortfall.
// Only text from the HTML's text nodes is counted on the document side as well (not alt text,
// which came from an attribute), so extra words cannot hide missing ones.

/** Attributes of document nodes whose text came from text in the HTML. */
const TEXT_ATTRS = ['caption', 'credit', 'attribution', 'title'];

function documentTexts(document: DocumentTree): string[] {
  const out: string[] = [];
  const stack: unknown[] = [document];
  while (stack.length) {
    const node = stack.pop() as { text?: unknown; attrs?: Record<string, unknown>; content?: unknown[] };
    if (typeof node.text === 'string') out.push(node.text);
    for (const name of TEXT_ATTRS) {
      const value = node.attrs?.[name];
      if (typeof value === 'string') out.push(value);
    }
    if (Array.isArray(node.content)) stack.push(...node.content);
  }
  return out;
}

function htmlTexts(body: Element): string[] {
  const out: string[] = [];
  const stack: Node[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 3) out.push(node.nodeValue ?? '');
    // An iframe's children are fallback text for browsers without frames (the cleaner drops them).
    if (node.nodeType === 1 && (node as Element).localName === 'iframe') continue;
    stack.push(...Array.from(node.childNodes));
  }
  return out;
}

function countChars(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const char of text.replace(/\s+/g, '')) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  return counts;
}

/** A warning when text of the cleaned HTML `body` is missing from `document`, else undefined. */
export function textNotKept(body: Element, document: DocumentTree): ImportWarning | undefined {
  const source = htmlTexts(body);
  const kept = countChars(documentTexts(document));
  let missing = 0;
  for (const [char, count] of countChars(source)) missing += Math.max(0, count - (kept.get(char) ?? 0));
  if (missing === 0) return undefined;
  const joined = documentTexts(document).join(' ').replace(/\s+/g, ' ');
  const sample = source
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .find((t) => t !== '' && !joined.includes(t));
  return {
    code: 'text_not_kept',
    count: missing,
    ...(sample ? { text: sample.slice(0, 100) } : {}),
    message: `${missing} characters of text could not be kept in the document`,
  };
}
