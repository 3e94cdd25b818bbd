import { embedLabel, resolveEmbed } from './embed-providers.ts';
import type { BlockNode, DocumentTree, InlineNode, ListItemNode } from './document.types.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';
import { checkBaseUrl, safeLinkHref } from './url-rules.ts';

// The article body as readable plain text: for the search index, feeds and plain-text email.
// Paragraphs are separated by blank lines, list items get "-" or "1." markers, quotes get "> ",
// links read "text (url)" and photos "[Photo: caption — credit]".

export interface TextOptions {
  /** When given, "/"-relative link URLs are made absolute (for email and feeds). */
  baseUrl?: string;
}

interface Ctx {
  baseUrl?: string;
}

function linkUrl(href: string, ctx: Ctx): string {
  return ctx.baseUrl ? absoluteUrl(ctx.baseUrl, href) : href;
}

/** Inline nodes to text; a run of nodes under one link becomes "text (url)". */
export function inlineText(nodes: InlineNode[] | undefined, ctx: Ctx = {}): string {
  let out = '';
  let run = '';
  let runHref: string | null = null;
  const flush = () => {
    if (runHref === null) out += run;
    else {
      const url = linkUrl(runHref, ctx);
      // A bare URL or e-mail address as link text would just repeat itself.
      const same = run.trim() === url || `mailto:${run.trim()}` === url || run.trim() === '';
      out += same ? run || url : `${run} (${url})`;
    }
    run = '';
  };
  for (const node of nodes ?? []) {
    const link = node.marks?.find((m) => m.type === 'link');
    const href = link && link.type === 'link' ? safeLinkHref(link.attrs.href) : null;
    if (href !== runHref) {
      flush();
      runHref = href;
    }
    run += node.type === 'text' ? node.text : node.type === 'hardBreak' ? '\n' : '';
  }
  flush();
  return out.trim();
}

const indent = (text: string, first: string, rest: string) =>
  text
    .split('\n')
    .map((line, i) => (i === 0 ? first : line ? rest : '') + line)
    .join('\n');

function listItems(items: ListItemNode[], marker: (i: number) => string, ctx: Ctx): string {
  return items
    .map((item, i) => {
      const m = marker(i);
      const body = item.content
        .map((n) => blockText(n, ctx))
        .filter(Boolean)
        .join('\n');
      return indent(body, m, ' '.repeat(m.length));
    })
    .join('\n');
}

function blockText(node: BlockNode, ctx: Ctx): string {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(node.content, ctx);
    case 'bulletList':
      return listItems(node.content, () => '- ', ctx);
    case 'orderedList': {
      const start = Number.isInteger(node.attrs.start) ? node.attrs.start : 1;
      return listItems(node.content, (i) => `${start + i}. `, ctx);
    }
    case 'blockquote': {
      const inner = blocksText(node.content, ctx);
      return inner
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
    }
    case 'horizontalRule':
      return '* * *';
    case 'pullQuote': {
      const text = (node.content ?? [])
        .map((t) => t.text)
        .join('')
        .trim();
      const by = node.attrs.attribution;
      return text ? `“${text}”${by ? `\n— ${by}` : ''}` : '';
    }
    case 'figure': {
      const { caption, alt, credit } = node.attrs;
      const parts = [caption || alt, credit].filter(Boolean);
      return parts.length ? `[Photo: ${parts.join(' — ')}]` : '[Photo]';
    }
    case 'embed': {
      const resolved = resolveEmbed(node.attrs.url);
      if (!resolved) return '';
      const label = embedLabel(resolved.provider);
      return `${node.attrs.title ? `${label}: ${node.attrs.title}` : label} (${resolved.url})`;
    }
    default:
      return '';
  }
}

function blocksText(nodes: BlockNode[] | undefined, ctx: Ctx): string {
  return (nodes ?? [])
    .map((n) => blockText(n, ctx))
    .filter(Boolean)
    .join('\n\n');
}

/** Readable plain text of a body. Throws TypeError on a bad baseUrl. */
export function renderText(doc: DocumentTree, options: TextOptions = {}): string {
  const ctx: Ctx = options.baseUrl ? { baseUrl: checkBaseUrl(options.baseUrl) } : {};
  return blocksText(doc.content, ctx);
}
