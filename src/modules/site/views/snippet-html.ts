import { escapeHtml } from '../../articles/document/index.ts';
import { buildSnippet, type SnippetOptions } from '../../search/index.ts';

/** A search result's excerpt as HTML: the article text escaped, the matched words in <mark>. */
export function snippetHtml(text: string, q: string, language: string, options: SnippetOptions = {}): string {
  const snippet = buildSnippet(text, q, language, options);
  let html = '';
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    html +=
      escapeHtml(snippet.text.slice(at, start)) +
      '<mark>' +
      escapeHtml(snippet.text.slice(start, end)) +
      '</mark>';
    at = end;
  }
  return html + escapeHtml(snippet.text.slice(at));
}
