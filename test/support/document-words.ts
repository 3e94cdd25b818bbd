// Helpers for the importer's text-keeping tests. Not a test file itself (no `.test.ts`).
import type { DocumentTree } from '../../src/modules/articles/document/document.types.ts';
import type { ImportWarning } from '../../src/modules/articles/document/import-warnings.ts';

/** Every piece of text a reader sees in a stored document, in reading order, as words. */
export function documentWords(document: DocumentTree): string[] {
  // Text nodes of one block run together (a link and the full stop after it make "there.");
  // every other node separates words.
  const texts: string[] = [];
  const walk = (node: { text?: unknown; attrs?: Record<string, unknown>; content?: unknown[] }) => {
    if (typeof node.text === 'string') return void texts.push(node.text);
    texts.push(' ');
    for (const name of ['caption', 'credit', 'attribution', 'title']) {
      const value = node.attrs?.[name];
      if (typeof value === 'string') texts.push(` ${value} `);
    }
    for (const child of node.content ?? []) walk(child as typeof node);
    texts.push(' ');
  };
  walk(document as unknown as Parameters<typeof walk>[0]);
  return words(texts.join(''));
}

export const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** The words of `expected` that are not found, in order, among `actual` (a subsequence check). */
export function missingInOrder(expected: string[], actual: string[]): string[] {
  const missing: string[] = [];
  let at = 0;
  for (const word of expected) {
    const found = actual.indexOf(word, at);
    if (found === -1) missing.push(word);
    else at = found + 1;
  }
  return missing;
}

/** The text the warnings quote, as words. */
export const reportedWords = (warnings: ImportWarning[]): string[] =>
  warnings.flatMap((w) => words(w.text ?? ''));
